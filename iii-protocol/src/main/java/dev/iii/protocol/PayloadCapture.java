package dev.iii.protocol;

import java.util.Arrays;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a payload member ({@code data}, {@code result}) as {@link RawJson} while the frame is parsed: the
 * parser tokenizes the value once, to find its end, and the value is then either the very bytes of the
 * frame or, where there are none (a frame replayed from a tree), the subtree written out.
 * <p>
 * For {@code invokefunction}'s {@code data} it also moves the engine's {@code _caller_worker_id} stamp out
 * of an object payload (wire specification §3.8): the root members of that name are cut from the bytes, and
 * the last string value among them is the caller.
 */
abstract sealed class PayloadCapture {

    /** The value the parser's current token starts; the parser is left on its last token. */
    abstract RawJson capture(JsonParser parser);

    /**
     * Like {@link #capture}, for {@code invokefunction}'s {@code data}: root {@code _caller_worker_id}
     * members are removed from an object payload, and the caller is the last string value among them.
     */
    abstract Stamped captureWithoutCaller(JsonParser parser);

    /**
     * A payload and the caller stamp taken out of it.
     *
     * @param payload        the payload without the stamp
     * @param callerWorkerId the stamp's value, or {@code null}
     */
    record Stamped(RawJson payload, String callerWorkerId) {
    }

    static PayloadCapture of(byte[] frame) {
        return new FromBytes(frame);
    }

    static PayloadCapture fromTree() {
        return FromTree.INSTANCE;
    }

    /** Captures by byte offsets into the frame being parsed. */
    static final class FromBytes extends PayloadCapture {

        private final byte[] frame;

        FromBytes(byte[] frame) {
            this.frame = frame;
        }

        @Override
        RawJson capture(JsonParser parser) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return RawJson.NULL;
            }
            int start = start(parser);
            parser.skipChildren();
            parser.finishToken();
            return RawJson.wrap(frame, start, end(parser) - start);
        }

        @Override
        Stamped captureWithoutCaller(JsonParser parser) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return new Stamped(capture(parser), null);
            }
            String caller = null;
            int start = start(parser);
            Cuts cuts = new Cuts();
            int keptEnd = -1;
            int pendingFrom = -1;
            int pendingTo = -1;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                int nameStart = start(parser);
                boolean stamp = InvokeFunction.CALLER_WORKER_ID.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (stamp && value == JsonToken.VALUE_STRING) {
                    caller = parser.getString();
                }
                parser.skipChildren();
                parser.finishToken();
                int valueEnd = end(parser);
                if (!stamp) {
                    if (pendingFrom >= 0) {
                        // Stamps before the first kept member go with the separator that follows them.
                        cuts.add(pendingFrom, nameStart);
                        pendingFrom = -1;
                    }
                    keptEnd = valueEnd;
                }
                else if (keptEnd >= 0) {
                    // A stamp after a kept member goes with the separator that precedes it.
                    cuts.add(Math.max(keptEnd, cuts.lastEnd()), valueEnd);
                }
                else {
                    if (pendingFrom < 0) {
                        pendingFrom = nameStart;
                    }
                    pendingTo = valueEnd;
                }
            }
            if (pendingFrom >= 0) {
                cuts.add(pendingFrom, pendingTo);
            }
            int end = end(parser);
            return new Stamped(cuts.isEmpty() ? RawJson.wrap(frame, start, end - start) : cuts.apply(frame, start, end),
                    caller);
        }

        private static int start(JsonParser parser) {
            return (int) parser.currentTokenLocation().getByteOffset();
        }

        private static int end(JsonParser parser) {
            return (int) parser.currentLocation().getByteOffset();
        }
    }

    /** Captures from a parser over a tree, by writing the subtree out. */
    static final class FromTree extends PayloadCapture {

        static final FromTree INSTANCE = new FromTree();

        @Override
        RawJson capture(JsonParser parser) {
            return RawJson.of(parser.readValueAsTree());
        }

        @Override
        Stamped captureWithoutCaller(JsonParser parser) {
            JsonNode value = parser.readValueAsTree();
            String caller = null;
            if (value instanceof ObjectNode object && object.has(InvokeFunction.CALLER_WORKER_ID)) {
                JsonNode stamp = object.remove(InvokeFunction.CALLER_WORKER_ID);
                caller = stamp.isString() ? stamp.asString() : null;
            }
            return new Stamped(RawJson.of(value), caller);
        }
    }

    /** Ordered, disjoint byte ranges to leave out of a copy. */
    private static final class Cuts {

        private int[] ranges = new int[4];
        private int count;

        void add(int from, int to) {
            if (count > 0 && ranges[count - 1] == from) {
                ranges[count - 1] = to;
                return;
            }
            if (count == ranges.length) {
                ranges = Arrays.copyOf(ranges, count * 2);
            }
            ranges[count++] = from;
            ranges[count++] = to;
        }

        int lastEnd() {
            return count == 0 ? -1 : ranges[count - 1];
        }

        boolean isEmpty() {
            return count == 0;
        }

        RawJson apply(byte[] frame, int start, int end) {
            int removed = 0;
            for (int i = 0; i < count; i += 2) {
                removed += ranges[i + 1] - ranges[i];
            }
            byte[] copy = new byte[end - start - removed];
            int from = start;
            int at = 0;
            for (int i = 0; i < count; i += 2) {
                int length = ranges[i] - from;
                System.arraycopy(frame, from, copy, at, length);
                at += length;
                from = ranges[i + 1];
            }
            System.arraycopy(frame, from, copy, at, end - from);
            return RawJson.wrap(copy, 0, copy.length);
        }
    }
}
