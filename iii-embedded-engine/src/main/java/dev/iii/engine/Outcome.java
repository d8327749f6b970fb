package dev.iii.engine;

import dev.iii.sdk.protocol.ErrorBody;
import tools.jackson.databind.JsonNode;

/**
 * How one invocation ended: a result (possibly {@code null}, "no value") or an error.
 *
 * @param result success value, {@code null} for none
 * @param error  present when the invocation failed
 */
record Outcome(JsonNode result, ErrorBody error) {

    static Outcome success(JsonNode result) {
        return new Outcome(result == null || result.isNull() ? null : result, null);
    }

    static Outcome failure(String code, String message) {
        return new Outcome(null, new ErrorBody(code, message));
    }

    static Outcome failure(ErrorBody error) {
        return new Outcome(null, error);
    }

    boolean failed() {
        return error != null;
    }
}
