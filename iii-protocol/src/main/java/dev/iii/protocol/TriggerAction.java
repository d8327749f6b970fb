package dev.iii.protocol;

/** The {@code action} member of a worker's {@link InvokeFunction}: how the engine should route the call. */
public sealed interface TriggerAction {

    /** Fire and forget: the engine never replies. */
    record Void() implements TriggerAction {
    }

    /**
     * Hand the call to a named queue; the reply is a receipt, not the function's output.
     *
     * @param queue queue name
     */
    record Enqueue(String queue) implements TriggerAction {
        public Enqueue {
            Fields.requiredText(queue, "queue");
        }
    }
}
