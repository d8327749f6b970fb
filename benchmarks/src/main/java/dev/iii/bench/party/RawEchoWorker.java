package dev.iii.bench.party;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.iii.bench.wire.FrameScanner;
import dev.iii.bench.wire.RawFrames;
import dev.iii.bench.wire.RawWebSocket;
import dev.iii.bench.wire.ScannedFrame;

/**
 * The floor: an echo worker with no SDK logic. It sends a hand-written metadata call and
 * {@code registerfunction}, and answers each {@code invokefunction} on the socket's own thread with an
 * {@code invocationresult} whose {@code result} is the invocation's {@code data}, copied as text.
 * <p>
 * {@code java ... RawEchoWorker ENGINE_URL WORKER_NAME FUNCTION_ID}
 */
public final class RawEchoWorker {

    private final String name;
    private final String functionId;
    private final RawWebSocket socket;

    private RawEchoWorker(URI url, String name, String functionId) {
        this.name = name;
        this.functionId = functionId;
        this.socket = RawWebSocket.connect(url, this::received, Duration.ofSeconds(10));
        socket.closed().thenAccept(reason -> {
            System.err.println("engine connection " + reason);
            System.exit(3);
        });
    }

    public static void main(String[] args) throws Exception {
        RawEchoWorker worker = new RawEchoWorker(URI.create(args[0]), args[1], args[2]);
        worker.register();
        ControlChannel.reply("ready", Map.of());
        new ControlChannel().serve(worker.socket::close);
    }

    private void register() {
        socket.send(RawFrames.workerMetadata(name));
        socket.send(RawFrames.registerFunction(functionId));
    }

    private void received(String text) {
        ScannedFrame frame = FrameScanner.scan(text);
        if (frame.is("invokefunction") && frame.invocationId() != null) {
            socket.send(RawFrames.echoResult(text, frame, functionId));
        }
    }
}
