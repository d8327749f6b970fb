package dev.iii.spring.schema;

import java.lang.reflect.Type;
import java.util.List;

import dev.iii.sdk.builtin.CronTick;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Schemas name the members as the JSON has them, which is what the engine's introspection shows. */
class FunctionSchemaGeneratorTests {

    private final FunctionSchemaGenerator schemas = new FunctionSchemaGenerator();

    record Order(String sku, int quantity) {
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

    @Test
    void builtinPayloadsAreDescribedWithTheirWireNames() {
        Type request = new ParameterizedTypeReference<HttpTriggerRequest<Order>>() { }.getType();
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
    void typesWithoutAUsefulSchemaGetNone() {
        assertThat(schemas.schemaOf(JsonNode.class)).isNull();
        assertThat(schemas.schemaOf(Object.class)).isNull();
        assertThat(schemas.schemaOfResult(void.class)).isNull();
        assertThat(properties(schemas.schemaOfResult(new ParameterizedTypeReference<java.util.concurrent.CompletionStage<Order>>() { }.getType())))
                .containsExactly("quantity", "sku");
    }
}
