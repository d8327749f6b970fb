package dev.iii.engine;

import tools.jackson.databind.JsonNode;

/**
 * How a trigger fired on demand ({@link EmbeddedEngine#fireTrigger}) ended: the bound function's result, or
 * its error.
 *
 * @param result       the function's result; {@code null} for no value or on failure
 * @param errorCode    the error's code, {@code null} on success
 * @param errorMessage the error's message, {@code null} on success
 */
public record TriggerFireResult(JsonNode result, String errorCode, String errorMessage) {

    /** Whether the function failed. */
    public boolean failed() {
        return errorCode != null;
    }
}
