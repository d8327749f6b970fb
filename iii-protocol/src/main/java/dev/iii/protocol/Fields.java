package dev.iii.protocol;

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

    /** Optional payloads: a JSON {@code null} means the same as an absent member. */
    static RawJson optionalRaw(RawJson value) {
        return value == null || value.isNull() ? null : value;
    }
}
