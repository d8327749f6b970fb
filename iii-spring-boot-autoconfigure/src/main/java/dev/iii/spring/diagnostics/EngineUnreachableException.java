package dev.iii.spring.diagnostics;

import java.time.Duration;

/** With {@code iii.connection.fail-fast=true}, the worker could not connect to the engine at start-up. */
public class EngineUnreachableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final Duration waited;
    private final String reason;

    /**
     * @param url    the engine URL without credentials
     * @param waited how long the worker tried
     * @param reason the last connection error, or {@code null}
     */
    public EngineUnreachableException(String url, Duration waited, String reason) {
        super("The iii worker could not connect to the engine at " + url + " within " + waited.toMillis() + " ms"
                + (reason != null ? ": " + reason : ""));
        this.url = url;
        this.waited = waited;
        this.reason = reason;
    }

    public String getUrl() {
        return url;
    }

    public Duration getWaited() {
        return waited;
    }

    /** The last connection error, or {@code null}. */
    public String getReason() {
        return reason;
    }
}
