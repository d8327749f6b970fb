package dev.iii.sdk.internal.calls;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Calls made while there is no connection, in the order they were made, bounded in number and in bytes.
 * Guarded by the lock of {@link OutboundCalls}; a call leaves it when it is sent, when its time runs out, or
 * when it is cancelled.
 */
final class OfflineQueue {

    private final int maxCalls;
    private final long maxBytes;
    private final Map<UUID, PendingCall<?>> calls = new LinkedHashMap<>();
    private long bytes;

    OfflineQueue(int maxCalls, long maxBytes) {
        this.maxCalls = maxCalls;
        this.maxBytes = maxBytes;
    }

    /** Why the call does not fit, or {@code null} when it was queued. */
    String add(PendingCall<?> call) {
        int size = call.frame.length;
        if (calls.size() >= maxCalls) {
            return "the offline queue already holds " + calls.size() + " calls (limit " + maxCalls + ")";
        }
        if (bytes + size > maxBytes) {
            return "the offline queue already holds " + bytes + " bytes of calls (limit " + maxBytes + ")";
        }
        calls.put(call.id, call);
        bytes += size;
        return null;
    }

    boolean remove(PendingCall<?> call) {
        if (calls.remove(call.id) == null) {
            return false;
        }
        bytes -= call.frame.length;
        return true;
    }

    /** Takes every queued call out, in order. */
    List<PendingCall<?>> drain() {
        List<PendingCall<?>> all = new ArrayList<>(calls.values());
        calls.clear();
        bytes = 0;
        return all;
    }

    /** Takes out the calls whose time ran out. */
    List<PendingCall<?>> removeDue(long now) {
        List<PendingCall<?>> due = new ArrayList<>();
        for (Iterator<PendingCall<?>> it = calls.values().iterator(); it.hasNext();) {
            PendingCall<?> call = it.next();
            if (call.isDue(now)) {
                it.remove();
                bytes -= call.frame.length;
                due.add(call);
            }
        }
        return due;
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    int size() {
        return calls.size();
    }

    long bytes() {
        return bytes;
    }
}
