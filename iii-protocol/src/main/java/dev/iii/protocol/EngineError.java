package dev.iii.protocol;

/**
 * The {@code {"type":"error"}} frame the engine sends before closing a connection whose handshake
 * authentication failed.
 *
 * @param error what went wrong, e.g. code {@code AUTH_ERROR}
 */
public record EngineError(ErrorBody error) implements Message {
    public EngineError {
        Fields.required(error, "error");
    }
}
