package dev.iii.engine;

import dev.iii.protocol.ErrorBody;

/** Whatever delivers events for the bindings of one trigger type: an in-engine worker or a worker socket. */
interface TriggerProvider {

    /**
     * Starts delivering events for {@code binding}. Called with the engine lock held; must not block.
     *
     * @return an error when an in-engine provider refuses the binding (it is then not stored); {@code null}
     *         when accepted or when the answer comes later (worker providers)
     */
    ErrorBody activate(Binding binding);

    /** Stops delivering events for {@code binding}. Called with the engine lock held; must not block. */
    void deactivate(Binding binding);
}
