package dev.iii.protocol;

/**
 * {@code registrationrejected} (engine to worker): a function id or the worker name is already owned by
 * another live connection in the namespace.
 *
 * @param code          {@code FUNCTION_NAMESPACE_CONFLICT} or {@code WORKER_NAMESPACE_CONFLICT}
 * @param namespace     namespace of the conflict
 * @param functionId    present for function conflicts
 * @param workerName    present for worker-name conflicts
 * @param ownerWorkerId worker that owns the name or id ({@code ""} for reserved {@code engine::} ids)
 */
public record RegistrationRejected(String code, String namespace, String functionId, String workerName,
        String ownerWorkerId) implements Message {

    /** Another live worker owns the function id: only that function is refused. */
    public static final String FUNCTION_NAMESPACE_CONFLICT = "FUNCTION_NAMESPACE_CONFLICT";
    /** Another live worker uses this worker name: the engine closes the connection. */
    public static final String WORKER_NAMESPACE_CONFLICT = "WORKER_NAMESPACE_CONFLICT";

    public RegistrationRejected {
        Fields.required(code, "code");
        Fields.required(namespace, "namespace");
        Fields.required(ownerWorkerId, "owner_worker_id");
    }
}
