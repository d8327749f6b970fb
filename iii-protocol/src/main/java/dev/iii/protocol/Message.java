package dev.iii.protocol;

/**
 * One frame of the iii worker protocol: a JSON object whose {@code type} member names the message.
 * <p>
 * The permitted types are the messages of the wire specification (§3) plus {@link EngineError}, the
 * frame the engine sends when handshake authentication fails, and {@link UnknownMessage}, which
 * stands for any type this version does not know (such frames are ignored, never fatal).
 * {@link MessageCodec} reads and writes them.
 */
public sealed interface Message
        permits WorkerRegistered, RegisterFunction, UnregisterFunction, RegisterTriggerType, UnregisterTriggerType,
        RegisterTrigger, UnregisterTrigger, TriggerRegistrationResult, InvokeFunction, InvocationResult,
        RegisterService, Ping, Pong, Reattach, RegistrationRejected, EngineError, UnknownMessage {
}
