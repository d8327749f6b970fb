package dev.iii.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Reads one frame in a single pass over its bytes. Frames normally name their {@code type} first (every iii
 * engine and SDK writes it first); a frame that names it later is read from a tree instead, with the same
 * rules.
 */
final class MessageDecoder {

    Message decode(byte[] frame, int length) {
        try (JsonParser parser = Json.MAPPER.createParser(frame, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException("invalid frame: not a JSON object");
            }
            if (parser.nextToken() == JsonToken.PROPERTY_NAME && "type".equals(parser.currentName())) {
                String type = typeOf(parser.nextToken(), parser);
                Message message = build(type, FrameMembers.read(parser, PayloadCapture.of(frame), isInvocation(type)));
                requireEnd(parser);
                return message;
            }
        }
        catch (JacksonException ex) {
            throw new ProtocolException("invalid frame: " + ex.getOriginalMessage(), ex);
        }
        return decodeTree(frame, length);
    }

    private Message decodeTree(byte[] frame, int length) {
        try {
            JsonNode tree = Json.MAPPER.readTree(frame, 0, length);
            JsonNode type = tree.get("type");
            if (type == null || type.isNull()) {
                return new UnknownMessage(null);
            }
            if (!type.isString()) {
                throw new ProtocolException("invalid frame: member 'type' must be a string");
            }
            try (JsonParser parser = Json.MAPPER.treeAsTokens(tree)) {
                parser.nextToken();
                String name = type.asString();
                return build(name, FrameMembers.read(parser, PayloadCapture.fromTree(), isInvocation(name)));
            }
        }
        catch (JacksonException ex) {
            throw new ProtocolException("invalid frame: " + ex.getOriginalMessage(), ex);
        }
    }

    private static String typeOf(JsonToken token, JsonParser parser) {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new ProtocolException("invalid frame: member 'type' must be a string");
    }

    private static boolean isInvocation(String type) {
        return "invokefunction".equals(type);
    }

    private static void requireEnd(JsonParser parser) {
        if (parser.nextToken() != null) {
            throw new ProtocolException("invalid frame: more follows the frame's object");
        }
    }

    private static Message build(String type, FrameMembers m) {
        if (type == null) {
            return new UnknownMessage(null);
        }
        try {
            return switch (type) {
                case "workerregistered" -> new WorkerRegistered(m.string("worker_id"), m.string("reattach_token"),
                        m.json("features"));
                case "registerfunction" -> new RegisterFunction(m.string("id"), m.string("description"),
                        m.json("request_format"), m.json("response_format"), m.json("metadata"),
                        m.httpInvocation("invocation"));
                case "unregisterfunction" -> new UnregisterFunction(m.string("id"));
                case "registertriggertype" -> new RegisterTriggerType(m.string("id"), m.string("description"),
                        m.json("trigger_request_format"), m.json("call_request_format"), m.string("namespace"));
                case "unregistertriggertype" -> new UnregisterTriggerType(m.string("id"));
                case "registertrigger" -> new RegisterTrigger(m.string("id"), m.string("trigger_type"),
                        m.string("function_id"), m.json("config"), m.json("metadata"), m.string("namespace"),
                        m.string("trigger_namespace"));
                case "unregistertrigger" -> new UnregisterTrigger(m.string("id"), m.string("trigger_type"));
                case "triggerregistrationresult" -> new TriggerRegistrationResult(m.string("id"),
                        m.string("trigger_type"), m.string("function_id"), m.error("error"));
                case "invokefunction" -> new InvokeFunction(m.uuid("invocation_id"), m.string("function_id"),
                        m.payload("data"), m.json("metadata"), m.string("traceparent"), m.string("baggage"),
                        m.action("action"), m.string("namespace"), m.callerWorkerId());
                case "invocationresult" -> new InvocationResult(m.uuid("invocation_id"), m.string("function_id"),
                        m.payload("result"), m.error("error"), m.string("traceparent"), m.string("baggage"));
                case "registerservice" -> new RegisterService(m.string("id"), m.string("name"),
                        m.string("description"), m.string("parent_service_id"));
                case "ping" -> new Ping();
                case "pong" -> new Pong();
                case "reattach" -> new Reattach(m.string("previous_worker_id"), m.string("reattach_token"));
                case "registrationrejected" -> new RegistrationRejected(m.string("code"), m.string("namespace"),
                        m.string("function_id"), m.string("worker_name"), m.string("owner_worker_id"));
                case "error" -> new EngineError(m.error("error"));
                default -> new UnknownMessage(type);
            };
        }
        catch (IllegalArgumentException ex) {
            throw new ProtocolException("invalid " + type + " frame: " + ex.getMessage(), ex);
        }
    }
}
