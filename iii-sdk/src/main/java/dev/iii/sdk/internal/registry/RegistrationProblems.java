package dev.iii.sdk.internal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.iii.sdk.RegistrationProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's current {@link RegistrationProblem}s: what the registry knows from the engine's answers (refused
 * functions and bindings, bindings kept back) and what the last check against the engine's lists found
 * (functions not live, bindings no provider takes). Listeners hear every change, one at a time, on the worker's
 * event thread; a new problem is a WARN, a resolved one INFO.
 */
public final class RegistrationProblems {

    private static final Logger log = LoggerFactory.getLogger(RegistrationProblems.class);

    private final Registry registry;
    private final Executor events;
    private final List<Consumer<List<RegistrationProblem>>> listeners = new CopyOnWriteArrayList<>();
    private List<RegistrationProblem> fromCheck = List.of();
    private volatile List<RegistrationProblem> current = List.of();

    public RegistrationProblems(Registry registry, Executor events) {
        this.registry = registry;
        this.events = events;
        registry.onProblemsChanged(this::refresh);
    }

    public List<RegistrationProblem> current() {
        return current;
    }

    /** @return removes the listener */
    public Runnable addListener(Consumer<List<RegistrationProblem>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** What a check against the engine found; replaces the previous check's findings. */
    public void checked(List<RegistrationProblem> found) {
        synchronized (this) {
            fromCheck = List.copyOf(found);
        }
        refresh();
    }

    /** The connection is gone: what a check found on it no longer holds. */
    public void forgetCheck() {
        checked(List.of());
    }

    private void refresh() {
        List<RegistrationProblem> before;
        List<RegistrationProblem> now;
        synchronized (this) {
            List<RegistrationProblem> all = new ArrayList<>(registry.problems());
            fromCheck.stream().filter(found -> !all.contains(found)).forEach(all::add);
            before = current;
            now = List.copyOf(all);
            if (now.equals(before)) {
                return;
            }
            current = now;
        }
        for (RegistrationProblem problem : now) {
            // Refusals, and the bindings kept back for them, are reported where the engine's answer arrives (one
            // line per function); what the worker's own check finds is reported here.
            boolean found = problem.kind() == RegistrationProblem.Kind.FUNCTION_NOT_LIVE
                    || problem.kind() == RegistrationProblem.Kind.BINDING_PENDING;
            if (found && !before.contains(problem)) {
                log.warn("{}", describe(problem));
            }
        }
        for (RegistrationProblem problem : before) {
            if (!now.contains(problem) && problem.isFunctionProblem()) {
                log.info("Function {} is registered with the iii engine again", problem.functionId());
            }
        }
        try {
            events.execute(() -> listeners.forEach(listener -> listener.accept(now)));
        }
        catch (RejectedExecutionException ex) {
            log.debug("registration problems not told: the worker's event thread is shut down");
        }
    }

    static String describe(RegistrationProblem problem) {
        return switch (problem.kind()) {
            case FUNCTION_REFUSED -> "Function " + problem.functionId() + " is refused: " + problem.reason();
            case FUNCTION_NOT_LIVE -> "Function " + problem.functionId() + " is not live on the iii engine: "
                    + problem.reason();
            case BINDING_REFUSED, BINDING_NOT_BOUND -> problem.triggerType() + " trigger " + problem.bindingId()
                    + " for " + problem.functionId() + " is not bound: " + problem.reason();
            case BINDING_PENDING -> problem.triggerType() + " trigger " + problem.bindingId() + " for "
                    + problem.functionId() + " waits: " + problem.reason();
        };
    }
}
