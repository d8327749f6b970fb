package dev.iii.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketCreator;

/**
 * Opens a channel end at {@code /ws/channels/{id}}, or answers an upgrade that cannot succeed before it becomes a
 * WebSocket, as the real engine's handler does: a query without {@code key} or a valid {@code dir} is a 400, an
 * unknown channel id or a wrong access key a 404 {@code Channel not found}. Neither the key nor the query string is
 * ever logged.
 */
final class ChannelUpgrade implements WebSocketCreator {

    static final String PATH = "/ws/channels/";

    private final EngineCore core;

    ChannelUpgrade(EngineCore core) {
        this.core = core;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String id = request.getHttpURI().getPath().substring(PATH.length());
        Fields query = Request.extractQueryParameters(request);
        String key = query.getValue("key");
        String dir = query.getValue("dir");
        if (key == null || dir == null) {
            return refuse(response, callback, 400, "Failed to deserialize query string: missing field `"
                    + (key == null ? "key" : "dir") + "`");
        }
        if (!dir.equals("read") && !dir.equals("write")) {
            return refuse(response, callback, 400,
                    "Failed to deserialize query string: dir: unknown variant, expected `read` or `write`");
        }
        EngineChannel channel = core.channels.find(id, key);
        if (channel == null) {
            return refuse(response, callback, 404, "Channel not found");
        }
        return dir.equals("read") ? new ChannelReadSocket(core, channel) : new ChannelWriteSocket(core, channel);
    }

    private static Object refuse(ServerUpgradeResponse response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), callback);
        return null;
    }
}
