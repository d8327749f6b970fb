package dev.iii.sdk.internal.session;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says out loud that the engine cannot be reached: a WARN on the first failed attempt of a run of failures and
 * every few minutes while it lasts, naming the URL (without credentials) and the cause in plain words;
 * DEBUG for the attempts in between. Guarded by the session's lock.
 */
final class ConnectFailures {

    private static final Logger log = LoggerFactory.getLogger(ConnectFailures.class);
    private static final long REPEAT_NANOS = 5L * 60 * 1_000_000_000;

    private final String url;
    private long lastWarnNanos;
    private int inRun;

    ConnectFailures(String url) {
        this.url = url;
    }

    void failed(long attempt, Throwable error, long retryInMs) {
        inRun++;
        long now = System.nanoTime();
        String cause = describe(error);
        if (inRun == 1 || now - lastWarnNanos >= REPEAT_NANOS) {
            lastWarnNanos = now;
            log.warn("Cannot connect to the iii engine at {}: {} ({} failed attempt(s) so far; retrying in {} ms)",
                    url, cause, inRun, retryInMs);
        }
        else {
            log.debug("connection attempt {} to {} failed: {}; retrying in {} ms", attempt, url, cause, retryInMs);
        }
        if (log.isDebugEnabled()) {
            log.debug("cause of failed attempt {}", attempt, error);
        }
    }

    /** A connection succeeded: the next failure starts a new run. */
    void recovered() {
        inRun = 0;
    }

    /** The cause of a failed connection in words a user can act on. */
    static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused (is the engine running, and listening on that host and port?)";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof CertificateException || cause instanceof SSLException) {
                return "TLS failed: " + cause.getMessage();
            }
            if (cause instanceof java.io.IOException && cause.getMessage() != null
                    && (cause.getMessage().contains("Broken pipe") || cause.getMessage().contains("reset"))) {
                return "the connection was cut (" + cause.getMessage() + ")";
            }
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return "the WebSocket handshake did not complete in time";
            }
        }
        return rootMessage(error);
    }

    /** The message of the innermost cause, or its type when it has none. */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
