package dev.iii.sdk.internal.session;

/**
 * Why a connection attempt or a connection failed, in words, with credentials removed. It carries no cause,
 * so that nothing that logs it can print a secret from a wrapped exception.
 */
public final class ConnectionFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConnectionFailureException(String message) {
        super(message, null, false, false);
    }
}
