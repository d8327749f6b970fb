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

    private static List<String> properties(JsonNode schema) {
        return schema.get("properties").propertyNames().stream().sorted().toList();
    }

    @Test
    void builtinPayloadsAreDescribedWithTheirWireNames() {
        Type request = new ParameterizedTypeReference<HttpTriggerRequest<Order>>() { }.getType();
        assertThat(properties(schemas.schemaOf(request)))
                .containsExactly("body", "headers", "method", "path", "path_params", "query_params");
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
