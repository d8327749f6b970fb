package dev.iii.sdk;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * The protocol features the engine offered on the current connection ({@code features} in
 * {@code workerregistered}, engines 0.25 and later). Their names and shape are not published, so they are kept
 * as the engine sent them; {@link #has(String)} reads the two likely shapes, a list of names and an object of
 * flags. The worker announces none of them: it speaks the protocol every engine since 0.22 accepts, and later
 * protocol features switch on here.
 */
public final class EngineFeatures {

    /** What an engine without the member (every engine before 0.25), or no connection, offers. */
    public static final EngineFeatures NONE = new EngineFeatures(null);

    private final JsonNode raw;

    private EngineFeatures(JsonNode raw) {
        this.raw = raw;
    }

    /** @param raw the {@code features} member as sent, or {@code null} when there was none */
    public static EngineFeatures of(JsonNode raw) {
        return raw == null || raw.isNull() ? NONE : new EngineFeatures(raw);
    }

    /**
     * Whether the engine offers {@code name}: a string of that name in a list, or a member of that name in an
     * object whose value is neither {@code false} nor {@code null}.
     */
    public boolean has(String name) {
        if (raw == null) {
            return false;
        }
        if (raw.isArray()) {
            for (JsonNode element : raw) {
                if (element.isString() && element.asString().equals(name)) {
                    return true;
                }
            }
            return false;
        }
        JsonNode flag = raw.get(name);
        return flag != null && !flag.isNull() && !(flag.isBoolean() && !flag.asBoolean());
    }

    /** Whether the engine sent any {@code features} at all. */
    public boolean isEmpty() {
        return raw == null;
    }

    /** The member as the engine sent it, or {@code null} when it sent none. */
    public JsonNode raw() {
        return raw;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EngineFeatures features && Objects.equals(raw, features.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(raw);
    }

    @Override
    public String toString() {
        return raw == null ? "none" : raw.toString();
    }
}
