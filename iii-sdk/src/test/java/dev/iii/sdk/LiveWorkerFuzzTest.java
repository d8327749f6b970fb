package dev.iii.sdk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.iii.protocol.FrameHead;
import dev.iii.protocol.HostileFrames;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.ProtocolException;
import dev.iii.protocol.RegistrationRejected;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live worker against hostile frames: mutated recorded frames and random bytes arrive on its socket, one
 * per try ({@code -Dfuzz.inputs}, 10^4 in every build). Nothing escapes, the connection stays up, and every
 * invocation whose id can be read is answered exactly once.
 */
class LiveWorkerFuzzTest {

    private static final MessageCodec CODEC = new MessageCodec();
    private static final Pattern INVOCATION_ID = Pattern.compile("\"invocation_id\":\"[0-9a-fA-F-]{36}\"");

    private static TestEngine engine;
    private static IIIWorker worker;
    private static TestEngine.WorkerSide side;
    /** How many answers each invocation id that was sent should get. */
    private static final Map<UUID, Integer> expected = new HashMap<>();
    private static int sent;

    @BeforeContainer
    static void connect() throws Exception {
        engine = TestEngine.start();
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("fuzzed")
                .handlerTimeout(Duration.ofSeconds(5)).build());
        worker.registerFunction("fuzz::echo", (payload, context) -> payload);
        worker.start();
        side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
    }

    @AfterContainer
    static void checkAndStop() throws Exception {
        try {
            // A ping after everything: its pong means every frame before it was read.
            side.sendRaw("{\"type\":\"ping\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> side.receivedOf(dev.iii.protocol.Pong.class).size() > 0
                    && answered().keySet().containsAll(expected.keySet()));
            Map<UUID, Integer> answered = answered();
            for (Map.Entry<UUID, Integer> invocation : expected.entrySet()) {
                assertThat(answered.get(invocation.getKey())).as("answers to " + invocation.getKey())
                        .isEqualTo(invocation.getValue());
            }
            assertThat(worker.connectionState()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(side.isOpen()).isTrue();
            System.out.printf("live worker fuzz: %d hostile frames sent, %d of them invocations with a readable id, each "
                    + "answered once; connection up, %d reconnects%n", sent, expected.size(), worker.statistics().reconnectCount());
        }
        finally {
            worker.shutdown(Duration.ofSeconds(1));
            engine.close();
            expected.clear();
            side = null;
            worker = null;
            engine = null;
        }
    }

    private static Map<UUID, Integer> answered() {
        Map<UUID, Integer> counts = new HashMap<>();
        for (InvocationResult result : side.receivedOf(InvocationResult.class)) {
            counts.merge(result.invocationId(), 1, Integer::sum);
        }
        return counts;
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        return HostileFrames.any();
    }

    @Property
    void aLiveWorkerReadsAnythingAndAnswersEveryInvocationItCanReadOnce(@ForAll("hostile") byte[] input) {
        // Text frames carry text: bytes that are not UTF-8 arrive as replacement characters.
        String text = withFreshIds(new String(input, StandardCharsets.UTF_8));
        byte[] frame = text.getBytes(StandardCharsets.UTF_8);
        if (endsTheWorkerOnPurpose(frame)) {
            return;
        }
        UUID answerable = answerableId(frame);
        if (answerable != null) {
            expected.put(answerable, 1);
        }
        side.sendRaw(text);
        sent++;
    }

    /** Every invocation id becomes a fresh one, so that each input stands on its own. */
    private static String withFreshIds(String text) {
        Matcher id = INVOCATION_ID.matcher(text);
        StringBuilder fresh = new StringBuilder();
        while (id.find()) {
            id.appendReplacement(fresh, "\"invocation_id\":\"" + UUID.randomUUID() + "\"");
        }
        return id.appendTail(fresh).toString();
    }

    /** The one frame the spec makes fatal: a worker-name conflict. */
    private static boolean endsTheWorkerOnPurpose(byte[] frame) {
        try {
            return CODEC.decode(frame) instanceof RegistrationRejected rejected
                    && RegistrationRejected.WORKER_NAMESPACE_CONFLICT.equals(rejected.code());
        }
        catch (ProtocolException ex) {
            return false;
        }
    }

    /** The id of an invocation the worker must answer: decoded, or read from the head of a frame that is not. */
    private static UUID answerableId(byte[] frame) {
        try {
            Message message = CODEC.decode(frame);
            return message instanceof InvokeFunction invoke ? invoke.invocationId() : null;
        }
        catch (ProtocolException ex) {
            FrameHead head = CODEC.readHead(frame, frame.length);
            return "invokefunction".equals(head.type()) ? head.invocationId() : null;
        }
    }
}
