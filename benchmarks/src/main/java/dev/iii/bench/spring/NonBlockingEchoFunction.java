package dev.iii.bench.spring;

import dev.iii.spring.annotation.IIIFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@link EchoFunction} declared {@code nonBlocking}, served when {@code bench.non-blocking} is set. */
@Component
@ConditionalOnBooleanProperty("bench.non-blocking")
public class NonBlockingEchoFunction {

    @IIIFunction(id = "${bench.function-id}", description = "Returns its payload", nonBlocking = true)
    public JsonNode echo(JsonNode payload) {
        return payload;
    }
}
