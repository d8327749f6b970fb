package dev.iii.sdk.internal.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Who may run: at most {@code maxRunning} handlers at once across the worker, and at most a function's own
 * limit of its invocations; the rest wait in arrival order, up to {@code maxWaiting} of them, and beyond
 * that are refused. An invocation first takes its function's permit, then a worker slot, so a busy function
 * never holds back another one. Never blocks; the caller starts whatever it is handed back.
 */
final class HandlerSlots {

    enum Admission { START, WAIT, REFUSED }

    private final int maxRunning;
    private final int maxWaiting;
    private final Queue<Invocation> waitingForSlot = new ArrayDeque<>();
    private final Map<String, Queue<Invocation>> waitingForFunction = new HashMap<>();
    private final Map<String, Integer> runningPerFunction = new HashMap<>();
    private int running;
    private int waiting;

    HandlerSlots(int maxRunning, int maxWaiting) {
        this.maxRunning = maxRunning;
        this.maxWaiting = maxWaiting;
    }

    synchronized Admission admit(Invocation invocation) {
        int limit = invocation.function.maxConcurrency();
        String id = invocation.functionId();
        boolean functionFull = limit > 0 && runningPerFunction.getOrDefault(id, 0) >= limit;
        if ((functionFull || running >= maxRunning) && waiting >= maxWaiting) {
            return Admission.REFUSED;
        }
        if (functionFull) {
            waitingForFunction.computeIfAbsent(id, key -> new ArrayDeque<>()).add(invocation);
            waiting++;
            return Admission.WAIT;
        }
        runningPerFunction.merge(id, 1, Integer::sum);
        if (running >= maxRunning) {
            waitingForSlot.add(invocation);
            waiting++;
            return Admission.WAIT;
        }
        running++;
        return Admission.START;
    }

    /** A handler is done with its slot; returns the invocations that may start now. */
    synchronized List<Invocation> release(Invocation invocation) {
        running--;
        String id = invocation.functionId();
        runningPerFunction.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1);
        Queue<Invocation> queued = waitingForFunction.get(id);
        if (queued != null) {
            Invocation next = queued.poll();
            if (queued.isEmpty()) {
                waitingForFunction.remove(id);
            }
            if (next != null) {
                runningPerFunction.merge(id, 1, Integer::sum);
                waitingForSlot.add(next);
            }
        }
        List<Invocation> start = new ArrayList<>();
        while (running < maxRunning && !waitingForSlot.isEmpty()) {
            start.add(waitingForSlot.poll());
            running++;
            waiting--;
        }
        return start;
    }

    /**
     * Takes an invocation out of its queue before it started (its time ran out, or the worker stops).
     *
     * @return {@code false} when it is not waiting (it started already)
     */
    synchronized boolean withdraw(Invocation invocation) {
        if (waitingForSlot.remove(invocation)) {
            runningPerFunction.computeIfPresent(invocation.functionId(), (key, count) -> count == 1 ? null : count - 1);
            waiting--;
            return true;
        }
        Queue<Invocation> queued = waitingForFunction.get(invocation.functionId());
        if (queued != null && queued.remove(invocation)) {
            if (queued.isEmpty()) {
                waitingForFunction.remove(invocation.functionId());
            }
            waiting--;
            return true;
        }
        return false;
    }

    synchronized int running() {
        return running;
    }

    synchronized int waiting() {
        return waiting;
    }
}
