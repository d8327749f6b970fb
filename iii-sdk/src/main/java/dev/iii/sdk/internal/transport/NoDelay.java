package dev.iii.sdk.internal.transport;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Turns Nagle's algorithm off on the socket under a WebSocket session of Tomcat's client, which leaves it on and
 * offers no setting for it. Tomcat writes a frame larger than its 8 KiB buffer in pieces; with Nagle on, the
 * last small piece waits for the peer's delayed acknowledgement, and every such frame took about 40 ms. The
 * socket is reached through Tomcat's fields ({@code WsSession.wsRemoteEndpoint},
 * {@code WsRemoteEndpointImplClient.channel}, the channel wrapper's {@code socketChannel}); if a Tomcat version
 * moves them, the worker runs as before and says so at DEBUG.
 */
public final class NoDelay {

    private static final Logger log = LoggerFactory.getLogger(NoDelay.class);

    private NoDelay() {
    }

    /** @return whether {@code TCP_NODELAY} is now set on the session's socket */
    public static boolean enable(Object session) {
        try {
            Object nativeSession = session instanceof NativeWebSocketSession adapter
                    ? adapter.getNativeSession() : session;
            Object endpoint = field(nativeSession, "wsRemoteEndpoint");
            Object wrapper = field(endpoint, "channel");
            if (field(wrapper, "socketChannel") instanceof NetworkChannel channel) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                return Boolean.TRUE.equals(channel.getOption(StandardSocketOptions.TCP_NODELAY));
            }
        }
        catch (ReflectiveOperationException | IOException | RuntimeException ex) {
            log.debug("TCP_NODELAY not set on the engine connection ({}); frames over 8 KiB may be slow",
                    ex.toString());
            return false;
        }
        log.debug("TCP_NODELAY not set: the WebSocket session has no socket channel where Tomcat keeps it");
        return false;
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            }
            catch (NoSuchFieldException ex) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }
}
