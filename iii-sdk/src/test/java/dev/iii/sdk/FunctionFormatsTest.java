package dev.iii.sdk;

import java.time.Duration;
import java.util.Map;

import dev.iii.protocol.RegisterFunction;
import dev.iii.sdk.function.FunctionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas a user passes in {@link FunctionOptions} reach the engine exactly as given: the SDK neither adds
 * nor takes away anything (a root {@code $schema} included), so what the worker registry accepts is the user's call.
 */
class FunctionFormatsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEngine engine;
    private IIIWorker worker;

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void requestAndResponseFormatsAreSentAsGiven() throws Exception {
        engine = TestEngine.start();
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("formats-worker").build());
        JsonNode response = JSON.readTree("{\"type\":\"null\"}");
        worker.registerFunction("formats::given", FunctionOptions.builder()
                .requestFormat(Map.of("$schema", "https://json-schema.org/draft/2020-12/schema", "type", "string"))
                .responseFormat(response).build(), (payload, context) -> null);
        worker.registerFunction("formats::none", (payload, context) -> null);
        worker.start();
        TestEngine.WorkerSide side = engine.nextConnection();

        RegisterFunction given = side.await(RegisterFunction.class, frame -> frame.id().equals("formats::given"));
        assertThat(given.requestFormat()).isEqualTo(JSON.readTree(
                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"string\"}"));
        assertThat(given.responseFormat()).isEqualTo(response);
        RegisterFunction none = side.await(RegisterFunction.class, frame -> frame.id().equals("formats::none"));
        assertThat(none.requestFormat()).isNull();
        assertThat(none.responseFormat()).isNull();
        assertThat(side.rawFrames).filteredOn(raw -> raw.contains("formats::none"))
                .noneMatch(raw -> raw.contains("_format"));
    }
}
