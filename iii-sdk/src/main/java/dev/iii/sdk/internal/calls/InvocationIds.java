package dev.iii.sdk.internal.calls;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Fresh random (version 4) invocation ids. The engine completes a pending invocation by its id alone, from any
 * connection, so ids must not be guessable; each thread draws them from a DRBG of its own instead of the one
 * {@code SecureRandom} that {@link UUID#randomUUID()} shares between all threads.
 */
final class InvocationIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(InvocationIds::drbg);

    private InvocationIds() {
    }

    static UUID next() {
        SecureRandom random = RANDOM.get();
        long high = random.nextLong();
        long low = random.nextLong();
        high = (high & ~0xF000L) | 0x4000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        }
        catch (NoSuchAlgorithmException ex) {
            return new SecureRandom();
        }
    }
}
