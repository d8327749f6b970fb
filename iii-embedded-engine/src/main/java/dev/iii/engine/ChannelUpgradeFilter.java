package dev.iii.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a channel upgrade that cannot succeed before it becomes a WebSocket, as the real engine's handler
 * does: a query without {@code key} or a valid {@code dir} is a 400, an unknown channel id or a wrong access key
 * a 404 {@code Channel not found}. Neither the key nor the query string is ever logged.
 */
final class ChannelUpgradeFilter implements Filter {

    static final String PATH = "/ws/channels/";

    private final ChannelRegistry channels;

    ChannelUpgradeFilter(ChannelRegistry channels) {
        this.channels = channels;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String id = http.getRequestURI().substring(PATH.length());
        String key = http.getParameter("key");
        String dir = http.getParameter("dir");
        if (key == null || dir == null) {
            refuse(response, 400, "Failed to deserialize query string: missing field `" + (key == null ? "key" : "dir")
                    + "`");
        }
        else if (!dir.equals("read") && !dir.equals("write")) {
            refuse(response, 400, "Failed to deserialize query string: dir: unknown variant, expected `read` or `write`");
        }
        else if (channels.find(id, key) == null) {
            refuse(response, 404, "Channel not found");
        }
        else {
            chain.doFilter(request, response);
        }
    }

    private static void refuse(ServletResponse response, int status, String message) throws IOException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(status);
        http.setContentType("text/plain; charset=utf-8");
        http.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
    }
}
