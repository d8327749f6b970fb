package dev.iii.bench.spring;

import dev.iii.spring.annotation.IIIFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The Spring worker's function: returns its payload tree. Its id comes from {@code bench.function-id}; unless
 * {@code bench.non-blocking} is set, when {@link NonBlockingEchoFunction} serves it instead.
 */
@Component
@ConditionalOnBooleanProperty(name = "bench.non-blocking", havingValue = false, matchIfMissing = true)
public class EchoFunction {

    @IIIFunction(id = "${bench.function-id}", description = "Returns its payload")
    public JsonNode echo(JsonNode payload) {
        return payload;
    }
}
