package dev.iii.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs no peer should send, for fuzzing whoever reads frames: the recorded frames, mutated (bits flipped,
 * bytes inserted, deleted, duplicated, cut short, JSON tokens dropped in, types swapped, nested deep), and
 * plain random bytes.
 */
public final class HostileFrames {

    private static final List<byte[]> RECORDED = RecordedFrames.all().stream()
            .map(frame -> frame.raw().getBytes(StandardCharsets.UTF_8)).toList();
    private static final byte[] JSON_BYTES = "{}[]\":,\\0123456789-+eE.truefalsnul \t\n\u00e9".getBytes(StandardCharsets.UTF_8);
    private static final List<String> TOKENS = List.of("null", "0", "-1", "1e999", "\"\"", "\"x\"", "{}", "[]", "true",
            "{\"type\":\"ping\"}", "\"\\ud800\"", "\"\\u0000\"", "[[[[[[[[[[", "}}}}", ",,", "\"invocation_id\":\"x\"");
    private static final List<String> TYPES = List.of("invokefunction", "invocationresult", "registertrigger",
            "unregistertrigger", "triggerregistrationresult", "workerregistered", "registrationrejected", "ping",
            "pong", "error", "registerfunction", "", "INVOKEFUNCTION", "nope");

    private enum Kind { FLIP, INSERT, DELETE, TRUNCATE, DUPLICATE, TOKEN, TYPE, NEST }

    /** One change to a frame: where (as a fraction of its length), and a few random numbers to shape it. */
    private record Mutation(Kind kind, double at, int size, int pick) {
        byte[] apply(byte[] frame) {
            int position = (int) (at * frame.length);
            return switch (kind) {
                case FLIP -> {
                    byte[] copy = frame.clone();
                    if (copy.length > 0) {
                        copy[Math.min(position, copy.length - 1)] ^= (byte) (1 << (pick % 8));
                    }
                    yield copy;
                }
                case INSERT -> {
                    byte[] inserted = new byte[1 + size % 8];
                    for (int i = 0; i < inserted.length; i++) {
                        inserted[i] = pick % 3 == 0 ? (byte) (pick + i * 31) : JSON_BYTES[(pick + i) % JSON_BYTES.length];
                    }
                    yield splice(frame, position, 0, inserted);
                }
                case DELETE -> splice(frame, position, Math.min(1 + size % 16, frame.length - position), new byte[0]);
                case TRUNCATE -> Arrays.copyOf(frame, position);
                case DUPLICATE -> {
                    int length = Math.min(1 + size % 64, frame.length - position);
                    yield splice(frame, position, 0, Arrays.copyOfRange(frame, position, position + length));
                }
                case TOKEN -> splice(frame, position, 0, TOKENS.get(pick % TOKENS.size()).getBytes(StandardCharsets.UTF_8));
                case TYPE -> {
                    String text = new String(frame, StandardCharsets.UTF_8);
                    yield text.replaceFirst("\"type\":\"[a-z]*\"", "\"type\":\"" + TYPES.get(pick % TYPES.size()) + "\"")
                            .getBytes(StandardCharsets.UTF_8);
                }
                case NEST -> {
                    int depth = 1 + size * 37 % 5000;
                    String open = pick % 2 == 0 ? "[" : "{\"a\":";
                    String close = pick % 2 == 0 ? "]" : "}";
                    byte[] nested = (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
                    yield splice(frame, position, 0, nested);
                }
            };
        }

        private static byte[] splice(byte[] frame, int at, int remove, byte[] insert) {
            byte[] result = new byte[frame.length - remove + insert.length];
            System.arraycopy(frame, 0, result, 0, at);
            System.arraycopy(insert, 0, result, at, insert.length);
            System.arraycopy(frame, at + remove, result, at + insert.length, frame.length - at - remove);
            return result;
        }
    }

    private HostileFrames() {
    }

    /** Mutated recorded frames, and one input in five random bytes. */
    public static Arbitrary<byte[]> any() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, mutatedRecorded()),
                net.jqwik.api.Tuple.of(1, randomBytes()));
    }

    /** A recorded frame with one to four mutations. */
    public static Arbitrary<byte[]> mutatedRecorded() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 10_000)).as(Mutation::new);
        return Combinators.combine(Arbitraries.of(RECORDED), mutation.list().ofMinSize(1).ofMaxSize(4))
                .as((frame, mutations) -> {
                    byte[] result = frame;
                    for (Mutation change : mutations) {
                        result = change.apply(result);
                    }
                    return result;
                });
    }

    /** Up to a few hundred random bytes. */
    public static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    }
}
