package dev.iii.engine;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Typed reads of an {@code engine::*} function's input object. A member of the wrong type is a
 * {@code deserialization_error} naming the function, as in the real engine; absent and {@code null} are alike.
 */
final class FunctionInput {

    private final String functionId;
    private final JsonNode data;

    FunctionInput(String functionId, JsonNode data) {
        this.functionId = functionId;
        this.data = data;
    }

    JsonNode data() {
        return data;
    }

    String optionalString(String member) {
        JsonNode value = data.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid("invalid type for `" + member + "`, expected a string");
        }
        return value.asString();
    }

    String requiredString(String member) {
        String value = optionalString(member);
        if (value == null) {
            throw invalid("missing field `" + member + "`");
        }
        return value;
    }

    boolean flag(String member) {
        JsonNode value = data.get(member);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid("invalid type for `" + member + "`, expected a boolean");
        }
        return value.asBoolean();
    }

    Long optionalLong(String member) {
        JsonNode value = data.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw invalid("invalid value for `" + member + "`, expected a non-negative integer");
        }
        return value.asLong();
    }

    List<String> optionalStrings(String member) {
        JsonNode value = data.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid("invalid type for `" + member + "`, expected a sequence");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw invalid("invalid type in `" + member + "`, expected a string");
            }
            result.add(item.asString());
        }
        return result;
    }

    /** The member as given, or {@code null} when absent or JSON null. */
    JsonNode optionalJson(String member) {
        JsonNode value = data.get(member);
        return value == null || value.isNull() ? null : value;
    }

    private EngineFunctionException invalid(String detail) {
        return new EngineFunctionException("deserialization_error",
                "Failed to deserialize input for " + functionId + ": " + detail);
    }
}
