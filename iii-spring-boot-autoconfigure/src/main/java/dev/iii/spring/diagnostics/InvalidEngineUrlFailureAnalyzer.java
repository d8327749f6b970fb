package dev.iii.spring.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an engine URL that is not a WebSocket URL, naming where it came from and what it should look like. */
class InvalidEngineUrlFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEngineUrlException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidEngineUrlException cause) {
        String action = cause.getSource().equals("iii.url")
                ? "Set iii.url (or the III_URL environment variable) to the engine's WebSocket address, for example "
                        + "ws://127.0.0.1:49134, or wss://host:49134 when the engine is behind TLS."
                : "Make " + cause.getSource() + " return the engine's WebSocket address, for example "
                        + "ws://127.0.0.1:49134.";
        return new FailureAnalysis(cause.getMessage() + ": it must start with ws:// or wss:// and name a host.", action,
                cause);
    }
}
