package dev.iii.spring.e2e;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.discovery.FunctionInfo;
import dev.iii.spring.annotation.CronTrigger;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import dev.iii.spring.client.IIITemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the engine's introspection ({@code engine::functions::info}) shows of the generated schemas, the shapes the
 * iii worker registry reads them in: every request and response schema typed at its root, none with a root
 * {@code $schema}, whatever the method takes and returns.
 */
@SpringBootTest(classes = { FunctionSchemasEndToEndTests.Shapes.class, TestEngineConfiguration.class },
        properties = "iii.worker.name=schema-shapes")
class FunctionSchemasEndToEndTests {

    /** The registry's rule: a typed schema carries one of these at its root. */
    private static final Set<String> TYPED_KEYWORDS = Set.of("type", "properties", "$ref", "allOf", "anyOf", "oneOf",
            "enum", "items", "const");

    private static final List<String> FUNCTIONS = List.of("shapes::sweep", "shapes::count", "shapes::find",
            "shapes::list-later");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private IIIWorker worker;

    @Autowired
    private IIITemplate iii;

    record Part(String sku, int stock) {
    }

    @Test
    void everyFunctionReachesTheEngineWithTypedSchemasAndNoRootSchemaKeyword() {
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED
                && worker.discovery().listFunctions().join().stream().map(FunctionInfo::functionId).toList().containsAll(FUNCTIONS));
        JsonNode details = iii.function("engine::functions::info").payload(Map.of("function_ids", FUNCTIONS))
                .retrieve(JsonNode.class);
        for (JsonNode function : details.get("functions")) {
            for (String schema : List.of("request_schema", "response_schema")) {
                JsonNode value = function.get(schema);
                assertThat(value).as("%s of %s", schema, function.get("function_id")).isNotNull();
                assertThat(value.propertyNames()).as("%s of %s: %s", schema, function.get("function_id"), value)
                        .doesNotContain("$schema").containsAnyElementsOf(TYPED_KEYWORDS);
            }
        }
        JsonNode sweep = details.get("functions").get(0);
        assertThat(sweep.get("function_id").asString()).isEqualTo("shapes::sweep");
        assertThat(sweep.get("request_schema")).isEqualTo(JSON.readTree("{\"type\":\"object\"}"));
        assertThat(sweep.get("response_schema")).isEqualTo(JSON.readTree("{\"type\":\"null\"}"));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ JacksonAutoConfiguration.class, IIIAutoConfiguration.class })
    static class Shapes {

        @Bean
        Parts parts() {
            return new Parts();
        }

        static class Parts {

            @IIIFunction("shapes::sweep")
            @CronTrigger("0 0 3 * * *")
            void sweep() {
            }

            @IIIFunction("shapes::count")
            int count(List<Part> parts) {
                return parts.size();
            }

            @IIIFunction("shapes::find")
            Optional<Part> find(String sku) {
                return Optional.empty();
            }

            @IIIFunction("shapes::list-later")
            CompletableFuture<List<Part>> listLater() {
                return CompletableFuture.completedFuture(List.of());
            }
        }
    }
}
