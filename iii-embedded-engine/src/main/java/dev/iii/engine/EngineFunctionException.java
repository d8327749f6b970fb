package dev.iii.engine;

import dev.iii.protocol.ErrorBody;

/** Thrown by an in-process {@code engine::*} function to answer its caller with an error body. */
final class EngineFunctionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    EngineFunctionException(String code, String message) {
        super(message);
        this.code = code;
    }

    ErrorBody toErrorBody() {
        return new ErrorBody(code, getMessage());
    }
}
