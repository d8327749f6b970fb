package dev.iii.spring.schema;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.iii.sdk.builtin.CronTick;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schemas name the members as the JSON has them, which is what the engine's introspection shows, and they are what
 * the iii worker registry accepts: typed at the root, without a root {@code $schema}.
 */
class FunctionSchemaGeneratorTests {

    /**
     * The registry's rule (iii-hq/workers, {@code collect_worker_interface.py}): a schema is typed when its root
     * carries one of these keywords; {@code {}} and a bare title are "unknown" and refused.
     */
    private static final Set<String> TYPED_KEYWORDS = Set.of("type", "properties", "$ref", "allOf", "anyOf", "oneOf",
            "enum", "items", "const");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FunctionSchemaGenerator schemas = new FunctionSchemaGenerator();

    record Order(String sku, int quantity) {
    }

    /** Refers to {@link Order} twice, so the generator files it under {@code $defs} and refers to it. */
    record Exchange(Order given, Order taken) {
    }

    private static Type type(ParameterizedTypeReference<?> reference) {
        return reference.getType();
    }

    /** The schema of a property, following a {@code $ref} into the definitions. */
    private static JsonNode definition(JsonNode schema, String property) {
        JsonNode found = schema.get("properties").get(property);
        if (found.has("$ref")) {
            String[] path = found.get("$ref").asString().substring(2).split("/");
            found = schema;
            for (String part : path) {
                found = found.get(part);
            }
        }
        return found;
    }

    private static List<String> properties(JsonNode schema) {
        return schema.get("properties").propertyNames().stream().sorted().toList();
    }

    private static void assertAcceptedByTheRegistry(JsonNode schema, Object what) {
        assertThat(schema).as("schema of %s", what).isNotNull();
        assertThat(schema.propertyNames()).as("root of the schema of %s: %s", what, schema)
                .doesNotContain("$schema").containsAnyElementsOf(TYPED_KEYWORDS);
    }

    @Test
    void builtinPayloadsAreDescribedWithTheirWireNames() {
        Type request = type(new ParameterizedTypeReference<HttpTriggerRequest<Order>>() { });
        JsonNode requestSchema = schemas.schemaOf(request);
        assertThat(properties(requestSchema)).containsExactly("body", "headers", "method", "path", "path_params",
                "query_params", "request_body", "response");
        // Channel ends travel as refs.
        assertThat(properties(definition(requestSchema, "request_body")))
                .containsExactly("access_key", "channel_id", "direction");
        assertThat(properties(definition(requestSchema, "response")))
                .containsExactly("access_key", "channel_id", "direction");
        assertThat(schemas.schemaOfResult(dev.iii.spring.http.StreamingHttpResponse.class)).isNull();
        assertThat(properties(schemas.schemaOf(HttpTriggerResponse.class)))
                .containsExactly("body", "headers", "status_code");
        assertThat(properties(schemas.schemaOf(CronTick.class)))
                .containsExactly("actual_time", "job_id", "scheduled_time", "trigger");
    }

    @Test
    void everyResultAMethodMayReturnHasATypedSchemaWithoutARootSchemaKeyword() {
        List<Type> results = List.of(void.class, Void.class, int.class, boolean.class, double.class, String.class,
                Order.class, HttpTriggerResponse.class, type(new ParameterizedTypeReference<List<Order>>() { }),
                type(new ParameterizedTypeReference<Set<String>>() { }),
                type(new ParameterizedTypeReference<Map<String, Order>>() { }),
                type(new ParameterizedTypeReference<Optional<Order>>() { }),
                type(new ParameterizedTypeReference<Optional<Integer>>() { }),
                type(new ParameterizedTypeReference<CompletionStage<Order>>() { }),
                type(new ParameterizedTypeReference<CompletableFuture<List<Order>>>() { }),
                type(new ParameterizedTypeReference<CompletableFuture<Void>>() { }),
                type(new ParameterizedTypeReference<CompletableFuture<Optional<Order>>>() { }));
        for (Type result : results) {
            assertAcceptedByTheRegistry(schemas.schemaOfResult(result), result.getTypeName());
        }
    }

    @Test
    void everyPayloadHasATypedSchemaWithoutARootSchemaKeywordAndNoPayloadIsAnObject() {
        for (Type payload : List.of(Order.class, String.class, long.class, CronTick.class,
                type(new ParameterizedTypeReference<HttpTriggerRequest<Order>>() { }),
                type(new ParameterizedTypeReference<List<Order>>() { }))) {
            assertAcceptedByTheRegistry(schemas.schemaOfRequest(payload), payload.getTypeName());
        }
        assertThat(schemas.schemaOfRequest(null)).isEqualTo(JSON.readTree("{\"type\":\"object\"}"));
    }

    @Test
    void nothingReturnedIsNull() {
        JsonNode nothing = JSON.readTree("{\"type\":\"null\"}");
        assertThat(schemas.schemaOfResult(void.class)).isEqualTo(nothing);
        assertThat(schemas.schemaOfResult(Void.class)).isEqualTo(nothing);
        assertThat(schemas.schemaOfResult(type(new ParameterizedTypeReference<CompletionStage<Void>>() { })))
                .isEqualTo(nothing);
    }

    @Test
    void valuesAreDescribedByTheirJsonTypes() {
        assertThat(schemas.schemaOfResult(int.class)).isEqualTo(JSON.readTree("{\"type\":\"integer\"}"));
        assertThat(schemas.schemaOfResult(String.class)).isEqualTo(JSON.readTree("{\"type\":\"string\"}"));
        JsonNode orders = schemas.schemaOfResult(type(new ParameterizedTypeReference<List<Order>>() { }));
        assertThat(orders.get("type").asString()).isEqualTo("array");
        assertThat(properties(orders.get("items"))).containsExactly("quantity", "sku");
        assertThat(properties(schemas.schemaOfResult(type(new ParameterizedTypeReference<CompletableFuture<Order>>() { }))))
                .containsExactly("quantity", "sku");
    }

    @Test
    void anOptionalResultIsItsValueOrNullWithTheDefinitionsKeptAtTheRoot() {
        JsonNode order = schemas.schemaOfResult(type(new ParameterizedTypeReference<Optional<Order>>() { }));
        assertThat(order.get("anyOf")).hasSize(2);
        assertThat(properties(order.get("anyOf").get(0))).containsExactly("quantity", "sku");
        assertThat(order.get("anyOf").get(1)).isEqualTo(JSON.readTree("{\"type\":\"null\"}"));

        JsonNode exchange = schemas.schemaOfResult(type(new ParameterizedTypeReference<Optional<Exchange>>() { }));
        String reference = exchange.get("anyOf").get(0).get("properties").get("given").get("$ref").asString();
        assertThat(reference).startsWith("#/$defs/");
        assertThat(exchange.get("$defs").get(reference.substring("#/$defs/".length()))).isNotNull();
        assertThat(exchange.get("anyOf").get(0).has("$defs")).isFalse();
    }

    record Event(String type, JsonNode data) {
    }

    @Test
    void aJsonTreeInsideAPayloadMayBeAnyValue() {
        assertThat(schemas.schemaOf(Event.class).get("properties").get("data")).isEqualTo(JSON.createObjectNode());
    }

    @Test
    void typesThatSayNothingAboutTheirJsonGetNoSchema() {
        assertThat(schemas.schemaOf(JsonNode.class)).isNull();
        assertThat(schemas.schemaOf(Object.class)).isNull();
        assertThat(schemas.schemaOfRequest(JsonNode.class)).isNull();
        assertThat(schemas.schemaOfResult(Object.class)).isNull();
        assertThat(schemas.schemaOfResult(type(new ParameterizedTypeReference<Optional<JsonNode>>() { }))).isNull();
    }
}
