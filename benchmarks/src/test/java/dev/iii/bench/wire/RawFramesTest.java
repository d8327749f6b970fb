package dev.iii.bench.wire;

import java.util.UUID;

import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.RegisterFunction;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written frames are frames the SDK's codec (the wire specification's rules) reads as intended. */
class RawFramesTest {

    private final MessageCodec codec = new MessageCodec();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anEchoResultCarriesTheInvocationsDataAsItsResult() {
        String invocation = codec.encodeToString(new InvokeFunction(UUID.randomUUID(), "bench::echo",
                RawJson.parse("{\"blob\":\"a]b\"}"), null, null, null, null, null, "w"));

        String result = RawFrames.echoResult(invocation, FrameScanner.scan(invocation), "bench::echo");

        InvocationResult decoded = (InvocationResult) codec.decode(result);
        InvokeFunction original = (InvokeFunction) codec.decode(invocation);
        assertThat(decoded.invocationId()).isEqualTo(original.invocationId());
        assertThat(decoded.functionId()).isEqualTo("bench::echo");
        // The floor echoes the data as it came, with the engine's stamp that the codec moves out of payloads.
        assertThat(decoded.result().tree()).isEqualTo(json.readTree("{\"blob\":\"a]b\",\"_caller_worker_id\":\"w\"}"));
    }

    @Test
    void callsAndRegistrations() {
        String id = RawFrames.randomInvocationId();
        InvokeFunction call = (InvokeFunction) codec.decode(RawFrames.invoke(id, "bench::echo", "{\"blob\":\"x\"}"));
        assertThat(call.invocationId()).isEqualTo(UUID.fromString(id));
        assertThat(call.data().tree().get("blob").asString()).isEqualTo("x");
        assertThat(((RegisterFunction) codec.decode(RawFrames.registerFunction("bench::echo"))).id()).isEqualTo("bench::echo");
        InvokeFunction metadata = (InvokeFunction) codec.decode(RawFrames.workerMetadata("bench-worker"));
        assertThat(metadata.functionId()).isEqualTo("engine::workers::register");
        assertThat(metadata.invocationId()).isNull();
        assertThat(metadata.data().tree().get("name").asString()).isEqualTo("bench-worker");
    }

    @Test
    void invocationIdsAreVersion4Uuids() {
        UUID id = UUID.fromString(RawFrames.randomInvocationId());
        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(RawFrames.randomInvocationId()).isNotEqualTo(RawFrames.randomInvocationId());
    }
}
