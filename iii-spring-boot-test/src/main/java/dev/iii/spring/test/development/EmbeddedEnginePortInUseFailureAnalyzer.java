package dev.iii.spring.test.development;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a development-time engine that could not listen, as Boot does for a web server's busy port. */
class EmbeddedEnginePortInUseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedEnginePortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedEnginePortInUseException cause) {
        return new FailureAnalysis("The embedded iii engine failed to start: port " + cause.getPort() + " ("
                + cause.getProperty() + ") is already in use.",
                "Stop the process that is listening on port " + cause.getPort() + " (another run of this application, "
                        + "or an iii engine), or set " + cause.getProperty() + " to another port, or to 0 for a free one.",
                cause);
    }
}
