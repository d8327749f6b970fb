package dev.iii.sdk;

/**
 * The error codes of the iii protocol (wire specification §13) and the SDK's own client-side codes. Codes
 * are free-form strings; match on them, never on messages.
 */
public final class ErrorCode {

    /** No such function in the target namespace, or the worker has no handler for it. */
    public static final String FUNCTION_NOT_FOUND = "function_not_found";
    /** The target worker disconnected while the call was in flight, or is shutting down. */
    public static final String INVOCATION_STOPPED = "invocation_stopped";
    /** A handler threw; the default code for handler failures. */
    public static final String INVOCATION_FAILED = "invocation_failed";
    /** A call to an HTTP-invoked function reached the worker instead of its URL. */
    public static final String FUNCTION_NOT_INVOKABLE = "function_not_invokable";
    /** The payload could not be bound to the handler's parameter type. */
    public static final String INVALID_REQUEST = "invalid_request";
    /** RBAC refused the call, namespace or binding. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** A namespace was present but blank. */
    public static final String INVALID_NAMESPACE = "INVALID_NAMESPACE";
    /** The enqueue action failed, e.g. no queue provider is installed. */
    public static final String ENQUEUE_ERROR = "enqueue_error";
    /** The engine could not hand the call to the target connection. */
    public static final String CHANNEL_SEND_FAILED = "channel_send_failed";
    /** Engine-internal: the result channel was dropped. */
    public static final String INVOCATION_ERROR = "invocation_error";
    /** Engine-internal serialization failure. */
    public static final String SERIALIZATION_ERROR = "serialization_error";
    /** Input of the wrong shape for an {@code engine::*} builtin. */
    public static final String DESERIALIZATION_ERROR = "deserialization_error";
    /** An introspection builtin found nothing. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** An introspection builtin was given contradictory arguments. */
    public static final String INVALID_ARGUMENTS = "INVALID_ARGUMENTS";
    /** A binding was refused by the engine or by the provider of its trigger type. */
    public static final String TRIGGER_REGISTRATION_FAILED = "trigger_registration_failed";
    /** A worker was asked to serve a trigger type it does not provide. */
    public static final String TRIGGER_TYPE_NOT_FOUND = "trigger_type_not_found";
    /** {@code engine::unregister_trigger} failed. */
    public static final String UNREGISTER_FAILED = "unregister_failed";
    /** An HTTP-invoked function answered with an error status. */
    public static final String HTTP_ERROR = "http_error";
    /** The engine could not reach an HTTP-invoked function. */
    public static final String HTTP_REQUEST_FAILED = "http_request_failed";
    /** The engine could not read an HTTP-invoked function's response. */
    public static final String HTTP_RESPONSE_FAILED = "http_response_failed";
    /** An HTTP-invoked function answered 2xx with a body that is not JSON. */
    public static final String INVALID_RESPONSE = "invalid_response";
    /** An HTTP-invoked function's URL failed the engine's validation (logged at registration only). */
    public static final String URL_VALIDATION_FAILED = "url_validation_failed";
    /** The engine could not sign a call to an HTTP-invoked function. */
    public static final String TIMESTAMP_ERROR = "timestamp_error";
    /** Handshake authentication failed (sent in the {@code error} frame). */
    public static final String AUTH_ERROR = "AUTH_ERROR";
    /** Another live worker owns the function id in the namespace. */
    public static final String FUNCTION_NAMESPACE_CONFLICT = "FUNCTION_NAMESPACE_CONFLICT";
    /** Another live worker uses this worker name in the namespace. */
    public static final String WORKER_NAMESPACE_CONFLICT = "WORKER_NAMESPACE_CONFLICT";

    /** A handler did not finish within its function's timeout; the worker answered in its place. */
    public static final String HANDLER_TIMEOUT = "handler_timeout";
    /**
     * The worker turned the invocation away: every handler slot was taken and its wait queue was full, or the
     * worker is not serving.
     */
    public static final String WORKER_BUSY = "worker_busy";

    /** Client-side: no result arrived within the call's timeout. Never on the wire. */
    public static final String TIMEOUT = "TIMEOUT";
    /** Client-side: the connection the call was sent on was lost before its result arrived. */
    public static final String CONNECTION_LOST = "connection_lost";
    /** Client-side: the worker was shut down (or gave up reconnecting) before the call completed. */
    public static final String SHUTDOWN = "SHUTDOWN";
    /** Client-side: the call was refused before it was sent (a blank function id or queue, say). */
    public static final String INVALID_ARGUMENT = "invalid_argument";
    /** Client-side: the call could not wait for a connection because the offline queue was full. */
    public static final String OFFLINE_QUEUE_FULL = "offline_queue_full";
    /** Client-side: the connection's send queue was full (the engine is not reading fast enough). */
    public static final String SEND_QUEUE_FULL = "send_queue_full";
    /** Client-side: an error body that could not be read. */
    public static final String UNKNOWN = "UNKNOWN";

    private ErrorCode() {
    }
}
