package dev.iii.spring.lifecycle;

import java.util.List;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.RegistrationProblem;

/**
 * What the worker registered that is not in effect on the engine changed: a function refused (another replica
 * owns it) or no longer listed, a binding refused, kept back or waiting for a provider, or such a problem
 * resolved. {@link #getProblems()} is the whole current list, empty once all is well again.
 */
public class IIIRegistrationProblemsEvent extends IIIWorkerEvent {

    private static final long serialVersionUID = 1L;

    private final transient List<RegistrationProblem> problems;

    public IIIRegistrationProblemsEvent(IIIWorker worker, List<RegistrationProblem> problems) {
        super(worker);
        this.problems = List.copyOf(problems);
    }

    public List<RegistrationProblem> getProblems() {
        return problems;
    }
}
