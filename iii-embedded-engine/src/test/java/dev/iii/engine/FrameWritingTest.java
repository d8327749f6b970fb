package dev.iii.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.RawJson;
import dev.iii.protocol.RegisterFunction;
import dev.iii.protocol.TriggerAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How the engine writes to a worker socket: in order, and never waiting for a peer that does not read. */
class FrameWritingTest {

    private static final long SEND_BOUND = 256 * 1024;

    private EmbeddedEngine engine;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start(EngineTestSupport.fastOptions().withMaxQueuedSendBytes(SEND_BOUND));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void framesReachAWorkerInTheOrderTheyWereSent() {
        try (TestWorker target = TestWorker.registered(engine, "ordered");
                TestWorker caller = TestWorker.registered(engine, "sender")) {
            target.registerFunction("ordered::take");
            await().atMost(TestWorker.WAIT).until(() -> caller.call("engine::functions::info",
                    object().put("function_id", "ordered::take")).error() == null);
            int count = 500;
            for (int n = 0; n < count; n++) {
                caller.send(InvokeFunction.call(null, "ordered::take", RawJson.parse("{\"n\":" + n + "}"), null, null,
                        null, new TriggerAction.Void(), null));
            }
            await().atMost(TestWorker.WAIT).until(() -> target.receivedOf(InvokeFunction.class).size() == count);
            List<Integer> order = new ArrayList<>();
            for (InvokeFunction call : target.receivedOf(InvokeFunction.class)) {
                order.add(call.data().tree().get("n").asInt());
            }
            assertThat(order).isSorted().hasSize(count);
        }
    }

    @Test
    void aWorkerThatStopsReadingIsDroppedOnceItsBacklogPassesTheBoundAndTheOthersGoOn() {
        ListAppender<ILoggingEvent> engineLog = new ListAppender<>();
        engineLog.start();
        Logger coreLogger = (Logger) LoggerFactory.getLogger(EngineCore.class);
        coreLogger.addAppender(engineLog);
        StalledWorker stalled = StalledWorker.connect(engine.url(), "stalled::sink");
        try (TestWorker caller = TestWorker.registered(engine, "flooder")) {
            await().atMost(TestWorker.WAIT).until(() -> caller.call("engine::functions::info",
                    object().put("function_id", "stalled::sink")).error() == null);
            char[] filler = new char[64 * 1024];
            Arrays.fill(filler, 'x');
            RawJson payload = RawJson.parse("{\"fill\":\"" + new String(filler) + "\"}");
            // Socket buffers take megabytes before the engine's own backlog starts to grow: keep sending until the
            // engine says it gave up on the stalled worker (the socket itself never times out, so without the bound
            // the backlog would grow without end).
            await().atMost(TestWorker.WAIT.multipliedBy(3)).until(() -> {
                for (int i = 0; i < 16; i++) {
                    caller.send(InvokeFunction.call(null, "stalled::sink", payload, null, null, null,
                            new TriggerAction.Void(), null));
                }
                return engineLog.list.stream().anyMatch(event -> event.getLevel() == Level.WARN
                        && event.getFormattedMessage().contains("(stalled) is not reading"));
            });
            // Dropped like a dead connection: its function went with it.
            await().atMost(TestWorker.WAIT).until(() -> caller.call("engine::functions::info",
                    object().put("function_id", "stalled::sink")).error() != null);
            assertThat(caller.call("engine::functions::info", object().put("function_id", "stalled::sink")).error()
                    .code()).isEqualTo("NOT_FOUND");
            assertThat(caller.callOk("engine::workers::list", object()).get("workers").findValuesAsString("name"))
                    .contains("flooder").doesNotContain("stalled");
        }
        finally {
            coreLogger.detachAppender(engineLog);
            stalled.abort();
        }
    }

    /** A worker that registers a function and then reads nothing more: its receive demand is never renewed. */
    private static final class StalledWorker implements WebSocket.Listener {

        private final CompletableFuture<Void> registered = new CompletableFuture<>();
        private WebSocket socket;

        static StalledWorker connect(String url, String functionId) {
            StalledWorker worker = new StalledWorker();
            worker.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), worker).join();
            worker.registered.join();
            MessageCodec codec = new MessageCodec();
            worker.socket.sendText(codec.encodeToString(InvokeFunction.call(null, "engine::workers::register",
                    RawJson.parse("{\"name\":\"stalled\",\"runtime\":\"java\",\"pid\":1}"), null, null, null,
                    new TriggerAction.Void(), null)), true).join();
            worker.socket.sendText(codec.encodeToString(new RegisterFunction(functionId, null, null, null, null, null)),
                    true).join();
            return worker;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            // The first frame is workerregistered; no more demand after it, so nothing more is read.
            registered.complete(null);
            return null;
        }

        void abort() {
            socket.abort();
        }
    }
}
