package dev.iii.sdk;

/**
 * Something this worker registered that is not in effect on the engine, with the engine's reason: what iii users
 * most often find out too late (a function a replica owns, a binding nobody provides). The worker goes on either
 * way; {@link IIIWorker#registrationProblems()} lists the current ones.
 *
 * @param kind        what is wrong
 * @param functionId  the function concerned (for a binding, the function it calls)
 * @param bindingId   the binding's id, for binding problems; else {@code null}
 * @param triggerType the binding's trigger type, for binding problems; else {@code null}
 * @param reason      the engine's reason, in its words where it gave them
 */
public record RegistrationProblem(Kind kind, String functionId, String bindingId, String triggerType, String reason) {

    /** The kinds of problem. */
    public enum Kind {
        /** The engine refused the function: another live worker owns the id in the namespace. */
        FUNCTION_REFUSED,
        /** The worker's check after connecting did not find the function among the engine's. */
        FUNCTION_NOT_LIVE,
        /** The engine or the trigger type's provider refused the binding. */
        BINDING_REFUSED,
        /** The engine holds the binding until some worker provides its trigger type. */
        BINDING_PENDING,
        /** The worker keeps the binding back because the engine refused the function it calls. */
        BINDING_NOT_BOUND
    }

    /** Whether it concerns a function rather than a binding. */
    public boolean isFunctionProblem() {
        return kind == Kind.FUNCTION_REFUSED || kind == Kind.FUNCTION_NOT_LIVE;
    }
}
