package dev.iii.bench.spring;

import dev.iii.spring.annotation.IIIFunction;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The Spring worker's function: returns its payload tree. Its id comes from {@code bench.function-id}, and
 * {@code bench.non-blocking=true} declares it non-blocking.
 */
@Component
public class EchoFunction {

    @IIIFunction(id = "${bench.function-id}", description = "Returns its payload",
            nonBlocking = "${bench.non-blocking:false}")
    public JsonNode echo(JsonNode payload) {
        return payload;
    }
}
