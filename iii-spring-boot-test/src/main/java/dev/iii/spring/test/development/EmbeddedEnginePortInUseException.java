package dev.iii.spring.test.development;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;

/** The development-time engine could not listen: something else holds one of its ports. */
public class EmbeddedEnginePortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int port;
    private final String property;

    EmbeddedEnginePortInUseException(int port, String property, Throwable cause) {
        super("Port " + port + " (" + property + ") of the embedded iii engine is already in use", cause);
        this.port = port;
        this.property = property;
    }

    /**
     * The port-in-use failure behind {@code failure}, if that is what it was: the engine reports a bind failure
     * without saying which of its two listeners failed, so each fixed port is tried again.
     */
    static Optional<EmbeddedEnginePortInUseException> ifPortInUse(Throwable failure,
            IIIDevelopmentEngineProperties properties) {
        if (!causedByBindFailure(failure)) {
            return Optional.empty();
        }
        if (busy(properties.host(), properties.port())) {
            return Optional.of(new EmbeddedEnginePortInUseException(properties.port(), "iii.embedded.port", failure));
        }
        if (busy(properties.host(), properties.httpPort())) {
            return Optional.of(new EmbeddedEnginePortInUseException(properties.httpPort(), "iii.embedded.http-port",
                    failure));
        }
        return Optional.empty();
    }

    private static boolean causedByBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static boolean busy(String host, int port) {
        if (port == 0) {
            return false;
        }
        try {
            new ServerSocket(port, 1, InetAddress.getByName(host)).close();
            return false;
        }
        catch (IOException ex) {
            return true;
        }
    }

    /** The port that is taken. */
    public int getPort() {
        return port;
    }

    /** The property that sets it. */
    public String getProperty() {
        return property;
    }
}
