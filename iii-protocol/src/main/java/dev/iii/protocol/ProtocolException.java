package dev.iii.protocol;

/**
 * A frame that is not a valid protocol message: not JSON, not an object, a required member missing or of
 * the wrong type. The message describes the problem without repeating the payload.
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProtocolException(String message) {
        super(message);
    }
}
