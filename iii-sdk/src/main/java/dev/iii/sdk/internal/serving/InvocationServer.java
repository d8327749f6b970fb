package dev.iii.sdk.internal.serving;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.FrameHead;
import dev.iii.protocol.InvokeFunction;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.internal.binding.PayloadBinder;
import dev.iii.sdk.internal.channel.ChannelEnds;
import dev.iii.sdk.internal.registry.LocalFunction;
import dev.iii.sdk.internal.registry.Registry;
import dev.iii.sdk.internal.threads.NonBlockingSection;
import dev.iii.sdk.internal.threads.PeriodicSweep;
import dev.iii.sdk.internal.transport.EngineLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the engine's invocations of this worker's functions (§5.2, §14.16). The socket's thread hands an invocation
 * on; handlers run on the handler executor, within the worker's and each function's slots and within their deadline.
 * A handler declared non-blocking that can start at once runs on the socket's thread itself, inside a
 * {@link NonBlockingSection}, which saves the hand-off. Every invocation that carries an id gets exactly one answer,
 * on the link it came from: its result, its failure, {@code function_not_found}, {@code worker_busy} when there is no
 * room, {@code handler_timeout} when its time ran out, {@code invocation_stopped} when the worker stops, or
 * {@code invalid_request} when its frame could not be read.
 */
public final class InvocationServer implements Invocation.Outcome {

    private static final Logger log = LoggerFactory.getLogger(InvocationServer.class);
    private static final Duration SWEEP_PERIOD = Duration.ofMillis(50);

    private final Registry registry;
    private final ChannelEnds channels;
    private final Executor handlers;
    private final Duration defaultTimeout;
    private final HandlerSlots slots;
    private final Replies replies;
    private final PeriodicSweep sweep;
    /** Every accepted invocation until it is answered and its slot is back, by invocation id (or a local one). */
    private final Map<UUID, Invocation> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overdue = new AtomicInteger();
    private final ThrottledWarning unreadable = new ThrottledWarning(log);
    private final AtomicLong voidInvocations = new AtomicLong();
    private final Object idle = new Object();
    private volatile boolean draining;

    public InvocationServer(WorkerOptions options, Registry registry, PayloadBinder binder, ChannelEnds channels,
            Executor handlers, ScheduledExecutorService timer) {
        this.registry = registry;
        this.channels = channels;
        this.handlers = handlers;
        this.defaultTimeout = options.handlerTimeout();
        this.slots = new HandlerSlots(options.maxConcurrentInvocations(), options.maxQueuedInvocations());
        this.replies = new Replies(binder, options.sendStackTraces());
        this.sweep = new PeriodicSweep(timer, SWEEP_PERIOD, this::expireDue, () -> !inFlight.isEmpty());
    }

    // ---------------------------------------------------------------- arrivals (the socket's thread)

    /** An {@code invokefunction} arrived; only hands it on. */
    public void invoked(EngineLink link, InvokeFunction frame) {
        LocalFunction function = registry.function(frame.functionId());
        if (function == null) {
            answerAtOnce(link, frame, ErrorCode.FUNCTION_NOT_FOUND, "Function not found");
            return;
        }
        if (draining) {
            answerAtOnce(link, frame, ErrorCode.INVOCATION_STOPPED, "The worker is shutting down");
            return;
        }
        Duration timeout = function.timeout() != null ? function.timeout() : defaultTimeout;
        // Void invocations have no id; theirs cannot collide with a version-4 UUID.
        UUID key = frame.invocationId() != null ? frame.invocationId() : new UUID(0, voidInvocations.incrementAndGet());
        Invocation invocation = new Invocation(key, link, frame, function, System.nanoTime() + timeout.toNanos());
        if (inFlight.putIfAbsent(key, invocation) != null) {
            log.warn("Ignored a second invocation of {} with the id {} of one still running: it gets one answer",
                    frame.functionId(), frame.invocationId());
            return;
        }
        sweep.wake();
        HandlerSlots.Admission admission = slots.admit(invocation);
        if (admission == HandlerSlots.Admission.START) {
            if (function.nonBlocking()) {
                NonBlockingSection.run(() -> invocation.run(this, channels.forInvocation(), false));
            }
            else {
                start(invocation);
            }
        }
        else if (admission == HandlerSlots.Admission.REFUSED) {
            inFlight.remove(key, invocation);
            answerAtOnce(link, frame, ErrorCode.WORKER_BUSY, "Every handler slot of this worker is taken and its "
                    + "wait queue is full");
        }
    }

    /** A frame that could not be read: an invocation with an id still gets its one answer. */
    public void undecodable(EngineLink link, FrameHead head, String reason) {
        if (!"invokefunction".equals(head.type()) || head.invocationId() == null) {
            unreadable.warn("Dropped a frame from the iii engine that could not be read: " + reason);
            return;
        }
        unreadable.warn("Answered an invocation of " + head.functionId() + " whose frame could not be read: " + reason);
        InvokeFunction stub = InvokeFunction.call(head.invocationId(),
                head.functionId() != null && !head.functionId().isEmpty() ? head.functionId() : "unknown",
                dev.iii.protocol.RawJson.NULL, null, null, null, null, null);
        answerAtOnce(link, stub, ErrorCode.INVALID_REQUEST, "The invocation could not be read: " + reason);
    }

    private void answerAtOnce(EngineLink link, InvokeFunction frame, String code, String message) {
        if (frame.invocationId() != null) {
            replies.error(link, new Invocation(frame.invocationId(), link, frame, null, 0), new ErrorBody(code, message));
        }
    }

    // ---------------------------------------------------------------- running

    private void start(Invocation invocation) {
        try {
            handlers.execute(() -> invocation.run(this, channels.forInvocation(), true));
        }
        catch (RejectedExecutionException ex) {
            failed(invocation, new InvocationException(ErrorCode.WORKER_BUSY, "The worker's executor refused the "
                    + "invocation"));
        }
    }

    @Override
    public void succeeded(Invocation invocation, Object value) {
        if (invocation.wantsAnswer() && invocation.claimAnswer()) {
            replies.result(invocation.link, invocation, value);
        }
        else if (invocation.isOverdue()) {
            log.debug("dropped the late result of {} ({})", invocation.functionId(), invocation.id());
        }
        release(invocation);
    }

    @Override
    public void failed(Invocation invocation, Throwable error) {
        Throwable cause = Replies.unwrap(error);
        if (!(cause instanceof InvocationException)) {
            log.warn("Function {} failed: {}", invocation.functionId(), cause.toString());
            log.debug("stack trace of the failure of {}", invocation.functionId(), cause);
        }
        if (invocation.wantsAnswer() && invocation.claimAnswer()) {
            replies.error(invocation.link, invocation, replies.failure(cause));
        }
        release(invocation);
    }

    /** Gives the slot back (once) and starts whoever may run now. */
    private void release(Invocation invocation) {
        if (!invocation.claimRelease()) {
            return;
        }
        if (invocation.heldWhileOverdue()) {
            overdue.decrementAndGet();
        }
        forget(invocation);
        for (Invocation next : slots.release(invocation)) {
            start(next);
        }
    }

    private void forget(Invocation invocation) {
        inFlight.remove(invocation.key, invocation);
        if (inFlight.isEmpty()) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    // ---------------------------------------------------------------- deadlines and stopping

    /** Runs on the timer: answers the invocations whose time ran out. */
    private void expireDue() {
        long now = System.nanoTime();
        for (Invocation invocation : inFlight.values()) {
            if (invocation.isDue(now) && !invocation.isOverdue()) {
                abandon(invocation, ErrorCode.HANDLER_TIMEOUT, invocation.functionId() + " did not finish within its "
                        + "timeout");
            }
        }
    }

    /**
     * Answers an invocation that cannot finish in time and stops its handler: a handler still running is
     * interrupted and keeps its slot until it returns; a pending stage is cancelled and its slot freed.
     */
    private void abandon(Invocation invocation, String code, String message) {
        if (invocation.wantsAnswer() && invocation.claimAnswer()) {
            replies.error(invocation.link, invocation, new ErrorBody(code, message));
        }
        if (slots.withdraw(invocation)) {
            // It was still waiting for a slot: it holds none and never runs.
            invocation.stop();
            invocation.claimRelease();
            forget(invocation);
            return;
        }
        Invocation.Stopped stopped = invocation.stop();
        if (stopped != Invocation.Stopped.NOT_RUNNING) {
            overdue.incrementAndGet();
            String when = code.equals(ErrorCode.HANDLER_TIMEOUT) ? "its timeout" : "the shutdown grace period";
            String how = stopped == Invocation.Stopped.INTERRUPTED ? "was interrupted and "
                    : "runs on the thread that reads frames, declared non-blocking, and ";
            log.warn("{} ({}) is still running after {}; it {}holds its slot until it returns", invocation.functionId(),
                    invocation.id(), when, how);
            return;
        }
        release(invocation);
    }

    /** Refuses new invocations from now on ({@code invocation_stopped}). */
    public void beginDraining() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }

    /** Waits until nothing is in flight, at most {@code timeout}; {@code true} if it got there. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (!inFlight.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** After the grace period: every invocation still in flight is answered {@code invocation_stopped} and stopped. */
    public int stopRemaining() {
        List<Invocation> remaining = List.copyOf(inFlight.values());
        for (Invocation invocation : remaining) {
            abandon(invocation, ErrorCode.INVOCATION_STOPPED, "The worker shut down before " + invocation.functionId()
                    + " finished");
        }
        return remaining.size();
    }

    /** Invocations accepted and not yet done (running or waiting for a slot). */
    public int inFlight() {
        return inFlight.size();
    }

    /** Handlers still running past their deadline: they hold slots the worker cannot use. */
    public int overdue() {
        return overdue.get();
    }
}
