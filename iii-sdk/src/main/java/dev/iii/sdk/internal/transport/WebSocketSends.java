package dev.iii.sdk.internal.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A {@link WebSocket} as a {@link FrameWriter}'s socket: a send starts at once and completes when the frame has
 * been written (one send at a time, as {@link WebSocket} requires; the writer starts the next only then). A close
 * sends the Close frame and waits for the peer's answer; a peer that does not answer in time, or a send that fails
 * or takes longer than the send timeout, ends the socket at once ({@link WebSocket#abort}). A socket tells its
 * listener nothing after an abort, so this tells it itself.
 */
public final class WebSocketSends implements FrameWriter.Socket {

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
    public WebSocketSends(WebSocket socket, Duration sendTimeout, CompletableFuture<?> inputClosed,
            Consumer<IOException> aborted) {
        this.socket = socket;
        this.sendTimeout = sendTimeout;
        this.inputClosed = inputClosed;
        this.aborted = aborted;
    }

    @Override
    public CompletableFuture<?> sendText(String text) {
        return watched(socket.sendText(text, true), "a text frame");
    }

    @Override
    public CompletableFuture<?> sendBinary(ByteBuffer bytes) {
        return watched(socket.sendBinary(bytes, true), "a binary frame");
    }

    @Override
    public CompletableFuture<?> sendPing() {
        return watched(socket.sendPing(NO_DATA.duplicate()), "a ping");
    }

    /**
     * A send that failed, or that did not finish at once and then not within the send timeout, ends the
     * connection. Only a send that has to wait for the network gets a timeout, so the usual send sets no timer.
     */
    private CompletableFuture<WebSocket> watched(CompletableFuture<WebSocket> sending, String what) {
        if (sending.isDone() && !sending.isCompletedExceptionally()) {
            return sending;
        }
        CompletableFuture<WebSocket> bounded = sending.isDone() || sendTimeout == null ? sending
                : sending.orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return bounded.whenComplete((sent, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                        : error;
                abort(cause instanceof TimeoutException ? new IOException("sending " + what + " took longer than "
                        + sendTimeout.toMillis() + " ms") : cause instanceof IOException io ? io
                                : new IOException("sending " + what + " failed", cause));
            }
        });
    }

    @Override
    public void close(int code, String reason) throws IOException {
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(code, reason).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
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

    private void abort(IOException why) {
        socket.abort();
        if (!inputClosed.isDone()) {
            aborted.accept(why);
        }
    }
}
