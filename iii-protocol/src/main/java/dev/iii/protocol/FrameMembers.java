package dev.iii.protocol;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The members of one frame as read, each by the JSON kind the protocol gives its name (wire specification
 * §3): ids and names are strings, {@code invocation_id} a UUID, {@code data} and {@code result} payloads,
 * schemas, configs and metadata any JSON, {@code error}, {@code action} and {@code invocation} objects of
 * their own. A member of the wrong kind is remembered as a problem and only reported when the frame's type
 * asks for that member, so frames of types this version does not know are never refused for a member.
 * Absent and JSON {@code null} read alike, except for payloads, where {@code null} is a value.
 */
final class FrameMembers {

    private enum Kind { STRING, UUID, PAYLOAD, JSON, ERROR, ACTION, HTTP_INVOCATION }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("invocation_id", Kind.UUID),
            Map.entry("data", Kind.PAYLOAD),
            Map.entry("result", Kind.PAYLOAD),
            Map.entry("metadata", Kind.JSON),
            Map.entry("config", Kind.JSON),
            Map.entry("request_format", Kind.JSON),
            Map.entry("response_format", Kind.JSON),
            Map.entry("trigger_request_format", Kind.JSON),
            Map.entry("call_request_format", Kind.JSON),
            Map.entry("features", Kind.JSON),
            Map.entry("error", Kind.ERROR),
            Map.entry("action", Kind.ACTION),
            Map.entry("invocation", Kind.HTTP_INVOCATION));

    /** A member that was present with the wrong kind. */
    private record Problem(String message) {
    }

    private final Map<String, Object> values = new HashMap<>();
    private String callerWorkerId;

    /**
     * Reads the remaining members of the frame object the parser is in, up to its closing brace.
     *
     * @param invocation whether the frame is an {@code invokefunction}, whose {@code data} carries the caller
     */
    static FrameMembers read(JsonParser parser, PayloadCapture payloads, boolean invocation) {
        FrameMembers members = new FrameMembers();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("type".equals(name)) {
                parser.skipChildren();
                continue;
            }
            Kind kind = KINDS.getOrDefault(name, Kind.STRING);
            if (kind == Kind.PAYLOAD) {
                if (invocation && name.equals("data")) {
                    PayloadCapture.Stamped stamped = payloads.captureWithoutCaller(parser);
                    members.values.put(name, stamped.payload());
                    members.callerWorkerId = stamped.callerWorkerId();
                }
                else {
                    members.values.put(name, payloads.capture(parser));
                }
            }
            else if (token == JsonToken.VALUE_NULL) {
                members.values.remove(name);
                if (kind == Kind.JSON) {
                    members.values.put(name, parser.readValueAsTree());
                }
            }
            else {
                members.values.put(name, readValue(name, kind, token, parser));
            }
        }
        return members;
    }

    private static Object readValue(String name, Kind kind, JsonToken token, JsonParser parser) {
        switch (kind) {
            case STRING -> {
                if (token == JsonToken.VALUE_STRING) {
                    return parser.getString();
                }
                parser.skipChildren();
                return new Problem("member '" + name + "' must be a string");
            }
            case UUID -> {
                if (token == JsonToken.VALUE_STRING) {
                    String text = parser.getString();
                    try {
                        return java.util.UUID.fromString(text);
                    }
                    catch (IllegalArgumentException ex) {
                        return new Problem("member '" + name + "' must be a UUID");
                    }
                }
                parser.skipChildren();
                return new Problem("member '" + name + "' must be a UUID string");
            }
            case JSON -> {
                return parser.readValueAsTree();
            }
            default -> {
                JsonNode tree = parser.readValueAsTree();
                if (!tree.isObject()) {
                    return new Problem("member '" + name + "' must be an object");
                }
                try {
                    return switch (kind) {
                        case ERROR -> errorBody(tree);
                        case ACTION -> action(tree);
                        default -> httpInvocation(tree);
                    };
                }
                catch (IllegalArgumentException ex) {
                    return new Problem("member '" + name + "': " + ex.getMessage());
                }
            }
        }
    }

    String string(String name) {
        return get(name, String.class);
    }

    UUID uuid(String name) {
        return get(name, UUID.class);
    }

    RawJson payload(String name) {
        return get(name, RawJson.class);
    }

    /** A JSON member; explicit {@code null} is a {@code NullNode}, which optional members treat as absent. */
    JsonNode json(String name) {
        return get(name, JsonNode.class);
    }

    ErrorBody error(String name) {
        return get(name, ErrorBody.class);
    }

    TriggerAction action(String name) {
        return get(name, TriggerAction.class);
    }

    HttpInvocationRef httpInvocation(String name) {
        return get(name, HttpInvocationRef.class);
    }

    /** The caller stamp taken out of {@code data}, or {@code null}. */
    String callerWorkerId() {
        return callerWorkerId;
    }

    private <T> T get(String name, Class<T> type) {
        Object value = values.get(name);
        if (value instanceof Problem problem) {
            throw new IllegalArgumentException(problem.message());
        }
        return type.cast(value);
    }

    private static ErrorBody errorBody(JsonNode tree) {
        return new ErrorBody(text(tree, "code"), text(tree, "message"), text(tree, "stacktrace"));
    }

    private static TriggerAction action(JsonNode tree) {
        String type = text(tree, "type");
        if ("void".equals(type)) {
            return new TriggerAction.Void();
        }
        if ("enqueue".equals(type)) {
            return new TriggerAction.Enqueue(text(tree, "queue"));
        }
        throw new IllegalArgumentException("unknown action type '" + type + "'");
    }

    private static HttpInvocationRef httpInvocation(JsonNode tree) {
        JsonNode timeout = tree.get("timeout_ms");
        Long timeoutMs = null;
        if (timeout != null && !timeout.isNull()) {
            if (!timeout.canConvertToLong() || !timeout.isIntegralNumber()) {
                throw new IllegalArgumentException("member 'timeout_ms' must be an integer");
            }
            timeoutMs = timeout.asLong();
        }
        Map<String, String> headers = null;
        JsonNode headerTree = tree.get("headers");
        if (headerTree != null && !headerTree.isNull()) {
            if (!headerTree.isObject()) {
                throw new IllegalArgumentException("member 'headers' must be an object");
            }
            headers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> header : headerTree.properties()) {
                if (!header.getValue().isString()) {
                    throw new IllegalArgumentException("header '" + header.getKey() + "' must be a string");
                }
                headers.put(header.getKey(), header.getValue().asString());
            }
        }
        HttpInvocationRef.HttpAuth auth = null;
        JsonNode authTree = tree.get("auth");
        if (authTree != null && !authTree.isNull()) {
            if (!authTree.isObject()) {
                throw new IllegalArgumentException("member 'auth' must be an object");
            }
            auth = new HttpInvocationRef.HttpAuth(text(authTree, "type"), text(authTree, "secret_key"),
                    text(authTree, "token_key"), text(authTree, "header"), text(authTree, "value_key"));
        }
        return new HttpInvocationRef(text(tree, "url"), text(tree, "method"), timeoutMs, headers, auth);
    }

    private static String text(JsonNode tree, String member) {
        JsonNode value = tree.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("member '" + member + "' must be a string");
        }
        return value.asString();
    }
}
