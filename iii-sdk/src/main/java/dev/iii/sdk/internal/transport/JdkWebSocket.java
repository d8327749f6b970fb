package dev.iii.sdk.internal.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A socket of the JDK's WebSocket client as a {@link FrameWriter}'s socket: each send waits until the JDK has
 * written the frame (the JDK allows one outstanding send), so only the writer's drain task ever waits on it. A
 * close sends the Close frame and waits for the peer's answer; a peer that does not answer in time, or a send
 * that fails or takes longer than the send timeout, ends the socket at once ({@link WebSocket#abort}). The JDK
 * tells the socket's listener nothing after an abort, so the socket tells it itself.
 */
public final class JdkWebSocket implements FrameWriter.Socket {

    /** How long a close waits for its Close frame to go out and for the peer's answer, each. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How long an abort waits for its Close frame to go out before it ends the connection without it. */
    private static final Duration ABORT_CLOSE_WAIT = Duration.ofMillis(500);
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0);

    private final WebSocket socket;
    private final Duration sendTimeout;
    private final CompletableFuture<?> inputClosed;
    private final Consumer<IOException> aborted;

    /**
     * @param sendTimeout how long one send may take before the socket counts as broken, or {@code null} for as
     *                    long as it takes (a data channel's writer, held back by a slow reader)
     * @param inputClosed completed by the socket's listener when the peer's Close arrived or the socket broke
     * @param aborted     told why, when this socket ended the connection before the peer's Close arrived
     */
    public JdkWebSocket(WebSocket socket, Duration sendTimeout, CompletableFuture<?> inputClosed,
            Consumer<IOException> aborted) {
        this.socket = socket;
        this.sendTimeout = sendTimeout;
        this.inputClosed = inputClosed;
        this.aborted = aborted;
    }

    @Override
    public void sendText(String text) throws IOException {
        await(socket.sendText(text, true), sendTimeout, "a text frame");
    }

    @Override
    public void sendBinary(ByteBuffer bytes) throws IOException {
        await(socket.sendBinary(bytes, true), sendTimeout, "a binary frame");
    }

    @Override
    public void sendPing() throws IOException {
        await(socket.sendPing(NO_DATA.duplicate()), sendTimeout, "a ping");
    }

    @Override
    public void close(int code, String reason) throws IOException {
        if (!socket.isOutputClosed()) {
            await(socket.sendClose(code, reason), CLOSE_TIMEOUT, "the Close frame");
        }
        try {
            inputClosed.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            abort(new IOException("the peer did not answer the Close within " + CLOSE_TIMEOUT.toMillis() + " ms"));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            abort(new InterruptedIOException("interrupted while closing"));
        }
    }

    @Override
    public void abort(int code, String reason) {
        if (!socket.isOutputClosed()) {
            try {
                // Behind a stuck send the Close cannot go out; the abort below ends that send too.
                socket.sendClose(code, reason).get(ABORT_CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException | TimeoutException ex) {
                // Ended without it.
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        abort(new IOException("closed by this side (" + code + (reason.isEmpty() ? "" : " " + reason) + ")"));
    }

    private IOException aborting(IOException why) {
        abort(why);
        return why;
    }

    private void abort(IOException why) {
        socket.abort();
        if (!inputClosed.isDone()) {
            aborted.accept(why);
        }
    }

    private void await(CompletableFuture<WebSocket> sending, Duration timeout, String what) throws IOException {
        try {
            if (timeout == null) {
                sending.get();
            }
            else {
                sending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (TimeoutException ex) {
            throw aborting(new IOException("sending " + what + " took longer than " + timeout.toMillis() + " ms"));
        }
        catch (ExecutionException ex) {
            throw aborting(ex.getCause() instanceof IOException io ? io : new IOException("sending " + what
                    + " failed", ex.getCause()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw aborting(new InterruptedIOException("interrupted while sending " + what));
        }
    }
}
