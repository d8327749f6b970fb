package dev.iii.sdk.internal.channel;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;


/**
 * A read end's socket, which reads the network only as far as it was asked to
 * ({@link WebSocket#request}): each message part is asked for once the {@link ReadQueue} has room for it, which is
 * how the read end holds its writer back. (Suspending and resuming a socket, as Tomcat's client offers it, has a
 * race that can leave the frames after the one that filled the read-ahead, the end of the stream among them,
 * unprocessed.)
 */
final class DemandedReadSocket implements WebSocket.Listener, ReadQueue.Socket {

    private final ReadQueue queue;
    private volatile WebSocket socket;

    DemandedReadSocket(ReadQueue queue) {
        this.queue = queue;
    }

    @Override
    public void onOpen(WebSocket opened) {
        socket = opened;
        queue.opened(this);
        queue.partTaken();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        queue.text(data.toString(), last);
        queue.partTaken();
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        queue.binary(data, last);
        queue.partTaken();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        queue.closed(new SocketClose(statusCode, reason), null);
        // Answered with a Close of the same code once this returns (JettyWebSocket).
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        queue.closed(SocketClose.NO_CLOSE_FRAME, error);
    }

    @Override
    public void readMore() {
        socket.request(1);
    }

    @Override
    public void close(SocketClose status) {
        WebSocket open = socket;
        if (!open.isOutputClosed()) {
            open.sendClose(status.code(), status.reason() == null ? "" : status.reason());
        }
    }

    @Override
    public boolean isClosed() {
        WebSocket open = socket;
        return open != null && open.isInputClosed() && open.isOutputClosed();
    }
}
