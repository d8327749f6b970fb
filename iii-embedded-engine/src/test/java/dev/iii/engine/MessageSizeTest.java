package dev.iii.engine;

import java.util.UUID;

import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RawJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages as the worker socket reads them: gathered from however many frames and frame parts they came in, up to
 * the engine's limit in bytes, beyond which the socket is closed with 1009 and the other workers go on.
 */
class MessageSizeTest {

    private static final int LIMIT = 512 * 1024;

    private EmbeddedEngine engine;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start(EngineTestSupport.fastOptions().withMaxMessageBytes(LIMIT));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void aFrameLargerThanOnePartIsRoutedWholeAndUnchanged() {
        try (TestWorker target = TestWorker.registered(engine, "target");
                TestWorker caller = TestWorker.registered(engine, "caller")) {
            target.registerFunctionAndAwait("blob::take");
            // Several times the part Jetty hands over, in one frame, so that it arrives in parts of every size.
            String blob = letters(5 * WorkerSocketServer.FRAME_PART + 17);
            UUID id = UUID.randomUUID();
            caller.send(InvokeFunction.call(id, "blob::take", RawJson.of(object().put("blob", blob)), null, null, null,
                    null, null));
            InvokeFunction delivered = target.await(InvokeFunction.class, c -> c.invocationId().equals(id));
            assertThat(delivered.data().tree().get("blob").asString()).isEqualTo(blob);
            target.reply(delivered, object().put("size", blob.length()));
            InvocationResult result = caller.await(InvocationResult.class, r -> r.invocationId().equals(id));
            assertThat(result.result().tree().get("size").asInt()).isEqualTo(blob.length());
        }
    }

    @Test
    void aMessageSentInSeveralFramesIsOneMessage() {
        try (TestWorker caller = TestWorker.registered(engine, "caller")) {
            UUID id = UUID.randomUUID();
            String frame = "{\"type\":\"invokefunction\",\"invocation_id\":\"" + id
                    + "\",\"function_id\":\"engine::workers::list\",\"data\":{}}";
            caller.sendFragmented(frame.substring(0, 10), frame.substring(10, 40), frame.substring(40));
            InvocationResult result = caller.await(InvocationResult.class, r -> r.invocationId().equals(id));
            assertThat(result.error()).isNull();
            assertThat(result.result().tree().get("workers").findValuesAsString("name")).contains("caller");
        }
    }

    @Test
    void aMessageOverTheLimitClosesItsSocketWith1009AndTheOthersGoOn() {
        try (TestWorker big = TestWorker.registered(engine, "big");
                TestWorker other = TestWorker.registered(engine, "other")) {
            big.sendFragmented("{\"type\":\"invokefunction\",\"data\":\"", letters(LIMIT), "\"}");
            assertThat(big.awaitCloseCode()).isEqualTo(1009);
            await().atMost(TestWorker.WAIT).until(() -> !other.callOk("engine::workers::list", object())
                    .get("workers").findValuesAsString("name").contains("big"));
            assertThat(other.callOk("engine::workers::list", object()).get("workers").findValuesAsString("name"))
                    .contains("other");
        }
    }

    private static String letters(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + i % 26));
        }
        return text.toString();
    }
}
