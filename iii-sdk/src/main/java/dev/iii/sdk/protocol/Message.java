package dev.iii.sdk.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One frame of the iii worker protocol: a JSON object whose {@code type} member names the message.
 * <p>
 * The permitted types are the messages of the wire specification (§3) plus {@link EngineError}, the
 * frame the engine sends when handshake authentication fails, and {@link UnknownMessage}, which
 * stands for any type this version does not know (such frames are ignored, never fatal).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type",
        visible = true, defaultImpl = UnknownMessage.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkerRegistered.class, name = "workerregistered"),
        @JsonSubTypes.Type(value = RegisterFunction.class, name = "registerfunction"),
        @JsonSubTypes.Type(value = UnregisterFunction.class, name = "unregisterfunction"),
        @JsonSubTypes.Type(value = RegisterTriggerType.class, name = "registertriggertype"),
        @JsonSubTypes.Type(value = RegisterTrigger.class, name = "registertrigger"),
        @JsonSubTypes.Type(value = UnregisterTrigger.class, name = "unregistertrigger"),
        @JsonSubTypes.Type(value = TriggerRegistrationResult.class, name = "triggerregistrationresult"),
        @JsonSubTypes.Type(value = InvokeFunction.class, name = "invokefunction"),
        @JsonSubTypes.Type(value = InvocationResult.class, name = "invocationresult"),
        @JsonSubTypes.Type(value = RegisterService.class, name = "registerservice"),
        @JsonSubTypes.Type(value = Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = Reattach.class, name = "reattach"),
        @JsonSubTypes.Type(value = RegistrationRejected.class, name = "registrationrejected"),
        @JsonSubTypes.Type(value = EngineError.class, name = "error")
})
public sealed interface Message
        permits WorkerRegistered, RegisterFunction, UnregisterFunction, RegisterTriggerType, RegisterTrigger,
        UnregisterTrigger, TriggerRegistrationResult, InvokeFunction, InvocationResult, RegisterService, Ping, Pong,
        Reattach, RegistrationRejected, EngineError, UnknownMessage {
}
