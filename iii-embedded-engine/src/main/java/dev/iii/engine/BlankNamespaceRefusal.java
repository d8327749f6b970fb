package dev.iii.engine;

import java.util.UUID;

import dev.iii.sdk.protocol.ErrorBody;
import dev.iii.sdk.protocol.InvocationResult;
import dev.iii.sdk.protocol.MessageCodec;
import dev.iii.sdk.protocol.TriggerRegistrationResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Answers the two frames the real engine refuses out loud for a blank namespace: a request/response
 * {@code invokefunction} and a {@code registertrigger} (wire specification §11). The SDK codec rejects such
 * frames outright, so they are recognised here from the raw JSON of a frame that failed to decode.
 */
final class BlankNamespaceRefusal {

    private static final String INVALID_NAMESPACE = "INVALID_NAMESPACE";

    private BlankNamespaceRefusal() {
    }

    static void answer(WorkerConnection worker, MessageCodec codec, String text) {
        JsonNode frame;
        try {
            frame = codec.readTree(text);
        }
        catch (JacksonException ex) {
            return;
        }
        if (frame == null || !frame.isObject()) {
            return;
        }
        String type = text(frame, "type");
        if ("invokefunction".equals(type) && isBlank(frame, "namespace")) {
            String functionId = text(frame, "function_id");
            UUID invocationId = uuid(text(frame, "invocation_id"));
            JsonNode action = frame.get("action");
            boolean isVoid = action != null && "void".equals(text(action, "type"));
            if (functionId != null && invocationId != null && !isVoid) {
                worker.send(InvocationResult.failure(invocationId, functionId,
                        new ErrorBody(INVALID_NAMESPACE, Namespaces.blankMessage("namespace"))));
            }
        }
        else if ("registertrigger".equals(type)) {
            String field = isBlank(frame, "namespace") ? "namespace"
                    : isBlank(frame, "trigger_namespace") ? "trigger_namespace" : null;
            String id = text(frame, "id");
            String triggerType = text(frame, "trigger_type");
            String functionId = text(frame, "function_id");
            if (field != null && id != null && triggerType != null && functionId != null) {
                worker.send(new TriggerRegistrationResult(id, triggerType, functionId,
                        new ErrorBody(INVALID_NAMESPACE, Namespaces.blankMessage(field))));
            }
        }
    }

    private static boolean isBlank(JsonNode frame, String member) {
        JsonNode value = frame.get(member);
        return value != null && value.isString() && value.asString().isBlank();
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
