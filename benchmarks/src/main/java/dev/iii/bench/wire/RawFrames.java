package dev.iii.bench.wire;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The frames the raw parties send, written by hand as the wire specification shows them: no codec, no
 * tree, the payload copied in as text.
 */
public final class RawFrames {

    private RawFrames() {
    }

    /**
     * The {@code engine::workers::register} metadata call (void) that settles a connection's namespace, so the
     * engine applies its registrations at once instead of after its grace period.
     */
    public static String workerMetadata(String name) {
        return "{\"type\":\"invokefunction\",\"function_id\":\"engine::workers::register\",\"data\":{\"runtime\":\"raw\","
                + "\"version\":\"0\",\"name\":\"" + name + "\",\"pid\":" + ProcessHandle.current().pid()
                + "},\"action\":{\"type\":\"void\"}}";
    }

    /** {@code registerfunction} with an id only. */
    public static String registerFunction(String functionId) {
        return "{\"type\":\"registerfunction\",\"id\":\"" + functionId + "\"}";
    }

    /** A request/response {@code invokefunction} with {@code data} taken verbatim. */
    public static String invoke(String invocationId, String functionId, String data) {
        return new StringBuilder(data.length() + 128)
                .append("{\"type\":\"invokefunction\",\"invocation_id\":\"").append(invocationId)
                .append("\",\"function_id\":\"").append(functionId)
                .append("\",\"data\":").append(data).append('}')
                .toString();
    }

    /** An {@code invocationresult} whose {@code result} is the {@code data} of the scanned invocation frame. */
    public static String echoResult(String invocation, ScannedFrame frame, String functionId) {
        StringBuilder result = new StringBuilder(Math.max(0, frame.dataEnd() - frame.dataStart()) + 128)
                .append("{\"type\":\"invocationresult\",\"invocation_id\":\"").append(frame.invocationId())
                .append("\",\"function_id\":\"").append(functionId).append("\",\"result\":");
        if (frame.dataStart() < 0) {
            result.append("null");
        }
        else {
            result.append(invocation, frame.dataStart(), frame.dataEnd());
        }
        return result.append('}').toString();
    }

    /** A fresh lowercase UUIDv4 string from a thread-local generator (the engine requires UUID ids). */
    public static String randomInvocationId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
