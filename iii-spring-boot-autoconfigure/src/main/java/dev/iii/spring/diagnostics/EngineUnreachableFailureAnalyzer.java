package dev.iii.spring.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a worker that could not connect at start-up with {@code iii.connection.fail-fast=true}. */
class EngineUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<EngineUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EngineUnreachableException cause) {
        String reason = cause.getReason() != null ? " The last attempt failed with: " + cause.getReason() + "." : "";
        return new FailureAnalysis("The iii worker could not connect to the engine at " + cause.getUrl()
                + " (iii.url) within " + cause.getWaited().toMillis() + " ms (iii.connection.connect-timeout)." + reason,
                "Start the iii engine, or set iii.url (or III_URL) to where it runs; behind a proxy, allow WebSocket "
                        + "upgrades. To start without waiting for the engine and connect in the background, set "
                        + "iii.connection.fail-fast=false.",
                cause);
    }
}
