package dev.iii.engine;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.RawJson;

/**
 * How one invocation ended: a result (possibly {@code null}, "no value") or an error.
 *
 * @param result success value, {@code null} for none
 * @param error  present when the invocation failed
 */
record Outcome(RawJson result, ErrorBody error) {

    static Outcome success(RawJson result) {
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
