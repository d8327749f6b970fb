package dev.iii.sdk.internal.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.iii.sdk.channel.ChannelException;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.internal.session.Redaction;
import dev.iii.sdk.internal.transport.WebSocketConnector;
import org.eclipse.jetty.websocket.core.exception.UpgradeException;

/**
 * Opens the socket of a channel end at {@code <engine URL>/ws/channels/<id>?key=<access key>&dir=<read|write>}
 * (wire specification §10: the worker URL with one trailing {@code /} removed, its own query left out) through the
 * worker's connector, so the handshake carries the worker's headers and TLS. A refusal becomes a
 * {@link ChannelException} naming the channel; the URL, which carries the access key, appears nowhere.
 */
final class ChannelSockets {

    private final WebSocketConnector connector;
    private final Redaction redaction;

    /** @param redaction removes the worker's own credentials from what is reported */
    ChannelSockets(WebSocketConnector connector, Redaction redaction) {
        this.connector = connector;
        this.redaction = redaction;
    }

    /** Opens the socket of an end; the future fails with a {@link ChannelException}. */
    CompletableFuture<WebSocket> open(ChannelRef ref, WebSocket.Listener listener) {
        return connector.open(url(ref), listener).handle((socket, error) -> {
            if (error != null) {
                throw new CompletionException(refusal(ref, error));
            }
            return socket;
        });
    }

    URI url(ChannelRef ref) {
        URI base = connector.url();
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String target = base.getScheme() + "://" + base.getRawAuthority() + path + "/ws/channels/"
                + encode(ref.channelId()) + "?key=" + encode(ref.accessKey()) + "&dir=" + ref.direction().wireName();
        try {
            return new URI(target);
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("channel " + ref.channelId() + " cannot be addressed on this engine");
        }
    }

    private ChannelException refusal(ChannelRef ref, Throwable error) {
        String end = ref.direction().wireName() + " end of channel " + ref.channelId();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UpgradeException refused && refused.getResponseStatusCode() > 0) {
                int code = refused.getResponseStatusCode();
                String why = code == 404 ? "the engine does not know the channel, or the access key is wrong"
                        : "the engine refused the upgrade";
                return new ChannelException(ref.channelId(), "Cannot open the " + end + ": " + why + " (HTTP " + code
                        + ")");
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = redaction.clean(root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName())
                .replace(ref.accessKey(), "***").replace(encode(ref.accessKey()), "***");
        // The cause is left out: its message may quote the URL, and with it the access key.
        return new ChannelException(ref.channelId(), "Cannot open the " + end + ": " + detail);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
