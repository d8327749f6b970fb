package dev.iii.sdk;

/**
 * The engine refused a registration because another live worker owns it: the worker name
 * ({@code WORKER_NAMESPACE_CONFLICT}, fatal: the worker stops and does not reconnect) or a function id
 * ({@code FUNCTION_NAMESPACE_CONFLICT}: only that function is refused).
 */
public class RegistrationRejectedException extends InvocationException {

    private static final long serialVersionUID = 1L;

    private final String namespace;
    private final String workerName;
    private final String ownerWorkerId;

    /**
     * @param code          the engine's code, e.g. {@link ErrorCode#WORKER_NAMESPACE_CONFLICT}
     * @param namespace     namespace of the conflict
     * @param functionId    the refused function, for function conflicts
     * @param workerName    the refused worker name, for worker-name conflicts
     * @param ownerWorkerId the worker that owns the name or id ({@code ""} for reserved {@code engine::} ids)
     */
    public RegistrationRejectedException(String code, String namespace, String functionId, String workerName,
            String ownerWorkerId) {
        super(code, describe(code, namespace, functionId, workerName, ownerWorkerId), functionId, null, null);
        this.namespace = namespace;
        this.workerName = workerName;
        this.ownerWorkerId = ownerWorkerId;
    }

    /** Namespace of the conflict. */
    public String getNamespace() {
        return namespace;
    }

    /** The refused worker name, or {@code null} for a function conflict. */
    public String getWorkerName() {
        return workerName;
    }

    /** The worker that owns the name or id; empty for ids the engine reserves. */
    public String getOwnerWorkerId() {
        return ownerWorkerId;
    }

    private static String describe(String code, String namespace, String functionId, String workerName,
            String owner) {
        String subject = functionId != null ? "function '" + functionId + "'"
                : workerName != null ? "worker name '" + workerName + "'" : "registration";
        String by = owner == null || owner.isEmpty() ? "the engine" : "worker " + owner;
        return "The engine rejected " + subject + " in namespace '" + namespace + "': it is owned by " + by + " ("
                + code + ")";
    }
}
