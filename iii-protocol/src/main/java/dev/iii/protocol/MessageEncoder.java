package dev.iii.protocol;

import java.util.Map;
import java.util.UUID;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Writes frames as UTF-8: {@code type} first, then the members in the order of the record, absent members
 * left out. Payloads are copied in as they are; the engine's caller stamp is appended to an object
 * {@code data} as its last member.
 */
final class MessageEncoder {

    byte[] encode(Message message) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256); JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("type", typeName(message));
            writeMembers(g, message);
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        }
    }

    static String typeName(Message message) {
        if (message instanceof WorkerRegistered) {
            return "workerregistered";
        }
        if (message instanceof RegisterFunction) {
            return "registerfunction";
        }
        if (message instanceof UnregisterFunction) {
            return "unregisterfunction";
        }
        if (message instanceof RegisterTriggerType) {
            return "registertriggertype";
        }
        if (message instanceof UnregisterTriggerType) {
            return "unregistertriggertype";
        }
        if (message instanceof RegisterTrigger) {
            return "registertrigger";
        }
        if (message instanceof UnregisterTrigger) {
            return "unregistertrigger";
        }
        if (message instanceof TriggerRegistrationResult) {
            return "triggerregistrationresult";
        }
        if (message instanceof InvokeFunction) {
            return "invokefunction";
        }
        if (message instanceof InvocationResult) {
            return "invocationresult";
        }
        if (message instanceof RegisterService) {
            return "registerservice";
        }
        if (message instanceof Ping) {
            return "ping";
        }
        if (message instanceof Pong) {
            return "pong";
        }
        if (message instanceof Reattach) {
            return "reattach";
        }
        if (message instanceof RegistrationRejected) {
            return "registrationrejected";
        }
        if (message instanceof EngineError) {
            return "error";
        }
        throw new IllegalArgumentException("an unknown message cannot be encoded");
    }

    private static void writeMembers(JsonGenerator g, Message message) {
        if (message instanceof WorkerRegistered m) {
            string(g, "worker_id", m.workerId());
            string(g, "reattach_token", m.reattachToken());
            json(g, "features", m.features());
        }
        else if (message instanceof RegisterFunction m) {
            string(g, "id", m.id());
            string(g, "description", m.description());
            json(g, "request_format", m.requestFormat());
            json(g, "response_format", m.responseFormat());
            json(g, "metadata", m.metadata());
            if (m.invocation() != null) {
                g.writeName("invocation");
                httpInvocation(g, m.invocation());
            }
        }
        else if (message instanceof UnregisterFunction m) {
            string(g, "id", m.id());
        }
        else if (message instanceof RegisterTriggerType m) {
            string(g, "id", m.id());
            string(g, "description", m.description());
            json(g, "trigger_request_format", m.triggerRequestFormat());
            json(g, "call_request_format", m.callRequestFormat());
            string(g, "namespace", m.namespace());
        }
        else if (message instanceof UnregisterTriggerType m) {
            string(g, "id", m.id());
        }
        else if (message instanceof RegisterTrigger m) {
            string(g, "id", m.id());
            string(g, "trigger_type", m.triggerType());
            string(g, "function_id", m.functionId());
            g.writeName("config");
            g.writeTree(m.config());
            json(g, "metadata", m.metadata());
            string(g, "namespace", m.namespace());
            string(g, "trigger_namespace", m.triggerNamespace());
        }
        else if (message instanceof UnregisterTrigger m) {
            string(g, "id", m.id());
            string(g, "trigger_type", m.triggerType());
        }
        else if (message instanceof TriggerRegistrationResult m) {
            string(g, "id", m.id());
            string(g, "trigger_type", m.triggerType());
            string(g, "function_id", m.functionId());
            error(g, m.error());
        }
        else if (message instanceof InvokeFunction m) {
            uuid(g, "invocation_id", m.invocationId());
            string(g, "function_id", m.functionId());
            g.writeName("data");
            if (m.callerWorkerId() != null && m.data().isObject()) {
                stampedPayload(g, m.data(), m.callerWorkerId());
            }
            else {
                g.writeRawValue(new RawUtf8(m.data()));
            }
            json(g, "metadata", m.metadata());
            string(g, "traceparent", m.traceparent());
            string(g, "baggage", m.baggage());
            if (m.action() != null) {
                g.writeName("action");
                action(g, m.action());
            }
            string(g, "namespace", m.namespace());
        }
        else if (message instanceof InvocationResult m) {
            uuid(g, "invocation_id", m.invocationId());
            string(g, "function_id", m.functionId());
            if (m.result() != null) {
                g.writeName("result");
                g.writeRawValue(new RawUtf8(m.result()));
            }
            error(g, m.error());
            string(g, "traceparent", m.traceparent());
            string(g, "baggage", m.baggage());
        }
        else if (message instanceof RegisterService m) {
            string(g, "id", m.id());
            string(g, "name", m.name());
            string(g, "description", m.description());
            string(g, "parent_service_id", m.parentServiceId());
        }
        else if (message instanceof Reattach m) {
            string(g, "previous_worker_id", m.previousWorkerId());
            string(g, "reattach_token", m.reattachToken());
        }
        else if (message instanceof RegistrationRejected m) {
            string(g, "code", m.code());
            string(g, "namespace", m.namespace());
            string(g, "function_id", m.functionId());
            string(g, "worker_name", m.workerName());
            string(g, "owner_worker_id", m.ownerWorkerId());
        }
        else if (message instanceof EngineError m) {
            error(g, m.error());
        }
        // ping and pong have no members; typeName refused unknown messages already
    }

    /** The payload's members, then {@code "_caller_worker_id":"…"}, then its closing brace. */
    private static void stampedPayload(JsonGenerator g, RawJson data, String callerWorkerId) {
        int closing = data.closingBrace();
        g.writeRawValue(new RawUtf8(data.array(), data.offset(), closing - data.offset()));
        StringBuilder stamp = new StringBuilder(callerWorkerId.length() + 24);
        if (!data.isEmptyObject()) {
            stamp.append(',');
        }
        stamp.append('"').append(InvokeFunction.CALLER_WORKER_ID).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(callerWorkerId, stamp);
        stamp.append("\"}");
        g.writeRaw(stamp.toString());
    }

    private static void string(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    private static void uuid(JsonGenerator g, String name, UUID value) {
        if (value != null) {
            g.writeStringProperty(name, value.toString());
        }
    }

    private static void json(JsonGenerator g, String name, JsonNode value) {
        if (value != null) {
            g.writeName(name);
            g.writeTree(value);
        }
    }

    private static void error(JsonGenerator g, ErrorBody error) {
        if (error == null) {
            return;
        }
        g.writeName("error");
        g.writeStartObject();
        string(g, "code", error.code());
        string(g, "message", error.message());
        string(g, "stacktrace", error.stacktrace());
        g.writeEndObject();
    }

    private static void action(JsonGenerator g, TriggerAction action) {
        g.writeStartObject();
        if (action instanceof TriggerAction.Enqueue enqueue) {
            g.writeStringProperty("type", "enqueue");
            g.writeStringProperty("queue", enqueue.queue());
        }
        else {
            g.writeStringProperty("type", "void");
        }
        g.writeEndObject();
    }

    private static void httpInvocation(JsonGenerator g, HttpInvocationRef invocation) {
        g.writeStartObject();
        string(g, "url", invocation.url());
        string(g, "method", invocation.method());
        if (invocation.timeoutMs() != null) {
            g.writeNumberProperty("timeout_ms", invocation.timeoutMs());
        }
        if (invocation.headers() != null) {
            g.writeName("headers");
            g.writeStartObject();
            for (Map.Entry<String, String> header : invocation.headers().entrySet()) {
                g.writeStringProperty(header.getKey(), header.getValue());
            }
            g.writeEndObject();
        }
        HttpInvocationRef.HttpAuth auth = invocation.auth();
        if (auth != null) {
            g.writeName("auth");
            g.writeStartObject();
            string(g, "type", auth.type());
            string(g, "secret_key", auth.secretKey());
            string(g, "token_key", auth.tokenKey());
            string(g, "header", auth.header());
            string(g, "value_key", auth.valueKey());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
