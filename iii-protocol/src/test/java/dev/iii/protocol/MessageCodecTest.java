package dev.iii.protocol;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.NullNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void absentOptionalMembersAreLeftOut() {
        String json = codec.encodeToString(new RegisterFunction("orders::create", null, null, null, null, null));
        assertThat(json).isEqualTo("{\"type\":\"registerfunction\",\"id\":\"orders::create\"}");
    }

    @Test
    void nullPayloadIsSentAsJsonNullBecauseDataIsRequired() {
        String json = codec.encodeToString(InvokeFunction.call(null, "a::b", RawJson.NULL, null, null, null,
                new TriggerAction.Void(), null));
        assertThat(json).isEqualTo(
                "{\"type\":\"invokefunction\",\"function_id\":\"a::b\",\"data\":null,\"action\":{\"type\":\"void\"}}");
    }

    @Test
    void absentAndNullOptionalMembersReadAlike() {
        Message absent = codec.decode("{\"type\":\"invokefunction\",\"function_id\":\"a::b\",\"data\":{}}");
        Message nulls = codec.decode("{\"type\":\"invokefunction\",\"invocation_id\":null,\"function_id\":\"a::b\","
                + "\"data\":{},\"metadata\":null,\"traceparent\":null,\"action\":null}");
        assertThat(nulls).isEqualTo(absent);
    }

    @Test
    void explicitNullPayloadIsKeptApartFromAnAbsentOne() {
        InvokeFunction message = (InvokeFunction) codec
                .decode("{\"type\":\"invokefunction\",\"function_id\":\"a::b\",\"data\":null}");
        assertThat(message.data()).isEqualTo(RawJson.NULL);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"invokefunction\",\"function_id\":\"a::b\"}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("'data'");
    }

    @Test
    void unknownMembersAreIgnoredAndMemberOrderIsIrrelevant() {
        Message message = codec.decode("{\"extra\":[1],\"reattach_token\":\"t\",\"worker_id\":\"w\","
                + "\"type\":\"workerregistered\"}");
        assertThat(message).isEqualTo(new WorkerRegistered("w", "t"));
    }

    @Test
    void theFeaturesANewerEngineOffersAreKeptAsSentAndWrittenBack() {
        WorkerRegistered registered = (WorkerRegistered) codec.decode("{\"type\":\"workerregistered\",\"worker_id\":\"w\","
                + "\"reattach_token\":\"t\",\"features\":[\"observe\",{\"future\":1}],\"later\":true}");
        assertThat(registered.features()).hasToString("[\"observe\",{\"future\":1}]");
        assertThat(codec.encodeToString(registered)).isEqualTo("{\"type\":\"workerregistered\",\"worker_id\":\"w\","
                + "\"reattach_token\":\"t\",\"features\":[\"observe\",{\"future\":1}]}");
        assertThat(codec.encodeToString(new WorkerRegistered("w", "t"))).doesNotContain("features");
    }

    @Test
    void unknownTypesDecodeAsUnknown() {
        assertThat(codec.decode("{\"type\":\"future\",\"x\":1}")).isEqualTo(new UnknownMessage("future"));
        assertThat(codec.decode("{\"x\":1}")).isEqualTo(new UnknownMessage(null));
    }

    @Test
    void typeMatchingIsCaseSensitive() {
        assertThat(codec.decode("{\"type\":\"PING\"}")).isEqualTo(new UnknownMessage("PING"));
        assertThat(codec.decode("{\"type\":\"ping\"}")).isEqualTo(new Ping());
    }

    @Test
    void missingRequiredMembersAreRefused() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"invocationresult\",\"invocation_id\":\""
                + UUID.randomUUID() + "\"}")).isInstanceOf(ProtocolException.class).hasMessageContaining("function_id");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"registertriggertype\",\"id\":\"x\"}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("description");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"registertrigger\",\"id\":\"1\",\"trigger_type\":\"http\","
                + "\"function_id\":\"f\"}")).isInstanceOf(ProtocolException.class).hasMessageContaining("config");
    }

    @Test
    void invocationIdsMustBeUuids() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"invocationresult\",\"invocation_id\":\"abc\","
                + "\"function_id\":\"f\"}")).isInstanceOf(ProtocolException.class);
        UUID id = UUID.randomUUID();
        String json = codec.encodeToString(InvocationResult.success(id, "f", RawJson.parse("true")));
        assertThat(json).contains("\"invocation_id\":\"" + id + "\"");
    }

    @Test
    void wrongMemberTypesAndNonObjectsAreRefused() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"workerregistered\",\"worker_id\":{}}"))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> codec.decode("this is not JSON")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> codec.decode("[1,2]")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> codec.decode("null")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void blankNamespacesAreReadButNeverWritten() {
        InvokeFunction blank = (InvokeFunction) codec.decode(
                "{\"type\":\"invokefunction\",\"function_id\":\"f\",\"data\":{},\"namespace\":\" \"}");
        assertThat(MessageCodec.blankNamespaceMember(blank)).isEqualTo("namespace");
        assertThatThrownBy(() -> codec.encodeToString(blank)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace");
        RegisterTrigger trigger = new RegisterTrigger("1", "http", "f", NullNode.getInstance(), null, null, "");
        assertThat(MessageCodec.blankNamespaceMember(trigger)).isEqualTo("trigger_namespace");
        assertThatThrownBy(() -> codec.encodeToString(trigger)).hasMessageContaining("trigger_namespace");
        assertThat(MessageCodec.blankNamespaceMember(InvokeFunction.call(null, "f", RawJson.NULL, null, null,
                null, null, "billing"))).isNull();
    }

    @Test
    void unregisterTriggerTypeIsReadAsTheNodeSdkSendsItAndWrittenWithItsIdOnly() {
        // Node 0.22.1 sends the whole registration; the frame is the id.
        Message node = codec.decode("{\"type\":\"unregistertriggertype\",\"id\":\"capture::tick\","
                + "\"description\":\"Test trigger type provided by the capture worker\"}");
        assertThat(node).isEqualTo(new UnregisterTriggerType("capture::tick"));
        assertThat(codec.encodeToString(new UnregisterTriggerType("capture::tick")))
                .isEqualTo("{\"type\":\"unregistertriggertype\",\"id\":\"capture::tick\"}");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"unregistertriggertype\"}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("'id'");
    }

    @Test
    void engineErrorFrameIsDecoded() {
        Message message = codec.decode("{\"type\":\"error\",\"error\":{\"code\":\"AUTH_ERROR\",\"message\":\"no\"}}");
        assertThat(message).isEqualTo(new EngineError(new ErrorBody("AUTH_ERROR", "no")));
    }

    @Test
    void enqueueActionAndHttpInvocationEncode() {
        String enqueue = codec.encodeToString(InvokeFunction.call(UUID.fromString("8ec9df8d-6a32-4901-98da-1d89f6480213"),
                "payments::charge", RawJson.parse("{\"amount\":100}"), null, null, null,
                new TriggerAction.Enqueue("payment"), null));
        assertThat(enqueue).isEqualTo("{\"type\":\"invokefunction\",\"invocation_id\":"
                + "\"8ec9df8d-6a32-4901-98da-1d89f6480213\",\"function_id\":\"payments::charge\","
                + "\"data\":{\"amount\":100},\"action\":{\"type\":\"enqueue\",\"queue\":\"payment\"}}");
        String http = codec.encodeToString(new RegisterFunction("ext", null, null, null, null,
                new HttpInvocationRef("https://x", "PUT", 5000L, null, HttpInvocationRef.HttpAuth.bearer("TOKEN"))));
        assertThat(http).isEqualTo("{\"type\":\"registerfunction\",\"id\":\"ext\",\"invocation\":{\"url\":\"https://x\","
                + "\"method\":\"PUT\",\"timeout_ms\":5000,\"auth\":{\"type\":\"bearer\",\"token_key\":\"TOKEN\"}}}");
        assertThatThrownBy(() -> new HttpInvocationRef("https://x", "post", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void payloadsPassThroughAsTheirOwnBytes() {
        String frame = "{\"type\":\"invokefunction\",\"invocation_id\":\"8ec9df8d-6a32-4901-98da-1d89f6480213\","
                + "\"function_id\":\"f\",\"data\": {\"b\" : [1, 2.50, \"\\u00e9\"],\"a\":{}} ,\"metadata\":{\"m\":1}}";
        InvokeFunction message = (InvokeFunction) codec.decode(frame);
        assertThat(message.data().toString()).isEqualTo("{\"b\" : [1, 2.50, \"\\u00e9\"],\"a\":{}}");
        assertThat(message.callerWorkerId()).isNull();
        assertThat(codec.encodeToString(message)).contains("\"data\":{\"b\" : [1, 2.50, \"\\u00e9\"],\"a\":{}},");
    }

    @Test
    void scalarAndNullPayloadsAreKept() {
        for (String payload : new String[] { "\"text\"", "42", "-1.5e3", "true", "false", "null", "[]", "[[{}]]" }) {
            InvocationResult result = (InvocationResult) codec.decode("{\"type\":\"invocationresult\",\"invocation_id\":\""
                    + UUID.randomUUID() + "\",\"function_id\":\"f\",\"result\":" + payload + "}");
            if (payload.equals("null")) {
                assertThat(result.result()).isNull();
            }
            else {
                assertThat(result.result()).isEqualTo(RawJson.parse(payload));
            }
        }
    }

    @Test
    void theCallerStampIsTakenOutOfObjectPayloadsWhereverItStands() {
        assertCaller("{\"_caller_worker_id\":\"w1\"}", "{}", "w1");
        assertCaller("{ \"_caller_worker_id\" : \"w1\" }", "{  }", "w1");
        assertCaller("{\"_caller_worker_id\":\"w1\",\"a\":1}", "{\"a\":1}", "w1");
        assertCaller("{\"a\":1,\"_caller_worker_id\":\"w1\"}", "{\"a\":1}", "w1");
        assertCaller("{\"a\":\"x\" , \"_caller_worker_id\":\"w1\" , \"b\":[1]}", "{\"a\":\"x\" , \"b\":[1]}", "w1");
        assertCaller("{\"_caller_worker_id\":\"w0\",\"_caller_worker_id\":\"w1\",\"a\":true}", "{\"a\":true}", "w1");
        assertCaller("{\"a\":null,\"_caller_worker_id\":7,\"_caller_worker_id\":\"w1\"}", "{\"a\":null}", "w1");
        assertCaller("{\"a\":{\"_caller_worker_id\":\"nested\"}}", "{\"a\":{\"_caller_worker_id\":\"nested\"}}", null);
        assertCaller("[\"_caller_worker_id\"]", "[\"_caller_worker_id\"]", null);
    }

    private void assertCaller(String data, String expectedData, String expectedCaller) {
        String frame = "{\"type\":\"invokefunction\",\"function_id\":\"f\",\"data\":" + data + "}";
        for (String text : new String[] { frame, frame.replace("{\"type\":\"invokefunction\",", "{") .replaceFirst("}$", ",\"type\":\"invokefunction\"}") }) {
            InvokeFunction message = (InvokeFunction) codec.decode(text);
            assertThat(message.callerWorkerId()).as(text).isEqualTo(expectedCaller);
            assertThat(message.data().tree()).as(text).isEqualTo(RawJson.parse(expectedData).tree());
        }
        InvokeFunction fromBytes = (InvokeFunction) codec.decode(frame);
        assertThat(fromBytes.data().toString()).isEqualTo(expectedData);
    }

    @Test
    void theEnginesStampGoesLastSoThatItWinsOverAnyValueTheCallerSent() {
        UUID id = UUID.randomUUID();
        String stamped = codec.encodeToString(new InvokeFunction(id, "f", RawJson.parse("{\"a\":1 }"), null, null, null,
                null, null, "w\"1"));
        assertThat(stamped).isEqualTo("{\"type\":\"invokefunction\",\"invocation_id\":\"" + id
                + "\",\"function_id\":\"f\",\"data\":{\"a\":1 ,\"_caller_worker_id\":\"w\\\"1\"}}");
        String empty = codec.encodeToString(new InvokeFunction(null, "f", RawJson.parse("{ }"), null, null, null, null,
                null, "w1"));
        assertThat(empty).contains("\"data\":{ \"_caller_worker_id\":\"w1\"}}");
        String scalar = codec.encodeToString(new InvokeFunction(null, "f", RawJson.parse("5"), null, null, null, null,
                null, "w1"));
        assertThat(scalar).contains("\"data\":5}");
        InvokeFunction back = (InvokeFunction) codec.decode(stamped);
        assertThat(back.callerWorkerId()).isEqualTo("w\"1");
        assertThat(back.data()).isEqualTo(RawJson.parse("{\"a\":1}"));
    }

    @Test
    void framesThatNameTheirTypeLaterDecodeAlike() {
        Message late = codec.decode("{\"function_id\":\"f\",\"data\":{\"x\":[1]},\"type\":\"invokefunction\"}");
        assertThat(late).isEqualTo(InvokeFunction.call(null, "f", RawJson.parse("{\"x\":[1]}"), null, null, null, null,
                null));
        assertThatThrownBy(() -> codec.decode("{\"x\":1,\"type\":5}")).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("'type'");
    }

    @Test
    void membersOfTheWrongKindAreRefusedOnlyWhereTheTypeUsesThem() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"invokefunction\",\"function_id\":3,\"data\":{}}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("'function_id' must be a string");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"invokefunction\",\"function_id\":\"f\",\"data\":{},"
                + "\"action\":{\"type\":\"later\"}}")).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("later");
        assertThat(codec.decode("{\"type\":\"future\",\"function_id\":3,\"error\":[]}"))
                .isEqualTo(new UnknownMessage("future"));
    }

    @Test
    void trailingContentIsRefused() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"ping\"} {}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"ping\"")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void theHeadOfAFrameThatDoesNotDecodeIsStillRead() {
        UUID id = UUID.randomUUID();
        byte[] cut = ("{\"type\":\"invokefunction\",\"invocation_id\":\"" + id
                + "\",\"function_id\":\"big::one\",\"data\":{\"blob\":\"aaaaaaa").getBytes();
        assertThat(codec.readHead(cut, cut.length)).isEqualTo(new FrameHead("invokefunction", id, "big::one"));
        byte[] missingData = ("{\"type\":\"invokefunction\",\"invocation_id\":\"" + id + "\",\"function_id\":\"f\"}")
                .getBytes();
        assertThatThrownBy(() -> codec.decode(missingData)).isInstanceOf(ProtocolException.class);
        assertThat(codec.readHead(missingData, missingData.length)).isEqualTo(new FrameHead("invokefunction", id, "f"));
        assertThat(codec.readHead("garbage".getBytes(), 7)).isEqualTo(new FrameHead(null, null, null));
        byte[] notUuid = "{\"type\":\"invokefunction\",\"invocation_id\":\"x\"}".getBytes();
        assertThat(codec.readHead(notUuid, notUuid.length).invocationId()).isNull();
    }
}
