package dev.iii.sdk.protocol;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void absentOptionalMembersAreLeftOut() {
        String json = codec.encode(new RegisterFunction("orders::create", null, null, null, null, null));
        assertThat(json).isEqualTo("{\"type\":\"registerfunction\",\"id\":\"orders::create\"}");
    }

    @Test
    void nullPayloadIsSentAsJsonNullBecauseDataIsRequired() {
        String json = codec.encode(new InvokeFunction(null, "a::b", NullNode.getInstance(), null, null, null,
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
        assertThat(message.data()).isEqualTo(NullNode.getInstance());
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
        String json = codec.encode(InvocationResult.success(id, "f", JsonNodeFactory.instance.booleanNode(true)));
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
        assertThatThrownBy(() -> codec.encode(blank)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace");
        RegisterTrigger trigger = new RegisterTrigger("1", "http", "f", NullNode.getInstance(), null, null, "");
        assertThat(MessageCodec.blankNamespaceMember(trigger)).isEqualTo("trigger_namespace");
        assertThatThrownBy(() -> codec.encode(trigger)).hasMessageContaining("trigger_namespace");
        assertThat(MessageCodec.blankNamespaceMember(new InvokeFunction(null, "f", NullNode.getInstance(), null, null,
                null, null, "billing"))).isNull();
    }

    @Test
    void engineErrorFrameIsDecoded() {
        Message message = codec.decode("{\"type\":\"error\",\"error\":{\"code\":\"AUTH_ERROR\",\"message\":\"no\"}}");
        assertThat(message).isEqualTo(new EngineError(new ErrorBody("AUTH_ERROR", "no")));
    }

    @Test
    void enqueueActionAndHttpInvocationEncode() {
        String enqueue = codec.encode(new InvokeFunction(UUID.fromString("8ec9df8d-6a32-4901-98da-1d89f6480213"),
                "payments::charge", JsonNodeFactory.instance.objectNode().put("amount", 100), null, null, null,
                new TriggerAction.Enqueue("payment"), null));
        assertThat(enqueue).isEqualTo("{\"type\":\"invokefunction\",\"invocation_id\":"
                + "\"8ec9df8d-6a32-4901-98da-1d89f6480213\",\"function_id\":\"payments::charge\","
                + "\"data\":{\"amount\":100},\"action\":{\"type\":\"enqueue\",\"queue\":\"payment\"}}");
        String http = codec.encode(new RegisterFunction("ext", null, null, null, null,
                new HttpInvocationRef("https://x", "PUT", 5000L, null, HttpInvocationRef.HttpAuth.bearer("TOKEN"))));
        assertThat(http).isEqualTo("{\"type\":\"registerfunction\",\"id\":\"ext\",\"invocation\":{\"url\":\"https://x\","
                + "\"method\":\"PUT\",\"timeout_ms\":5000,\"auth\":{\"type\":\"bearer\",\"token_key\":\"TOKEN\"}}}");
        assertThatThrownBy(() -> new HttpInvocationRef("https://x", "post", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
