package dev.iii.sdk.protocol;

import tools.jackson.databind.JsonNode;

/** Checks shared by the message constructors, so that a frame that breaks the protocol can never be built. */
final class Fields {

    private Fields() {
    }

    static <T> T required(T value, String member) {
        if (value == null) {
            throw new IllegalArgumentException("missing required member '" + member + "'");
        }
        return value;
    }

    static String requiredText(String value, String member) {
        required(value, member);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("member '" + member + "' must not be empty");
        }
        return value;
    }

    /** Optional JSON members: a JSON {@code null} means the same as an absent member. */
    static JsonNode optionalJson(JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    /** Absent is fine; present-but-blank is refused by the engine, so it is refused here too. */
    static String optionalNamespace(String value, String member) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException("member '" + member + "' is blank: give it a name or leave it out");
        }
        return value;
    }
}
