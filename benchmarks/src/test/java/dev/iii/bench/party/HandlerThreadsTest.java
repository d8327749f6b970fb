package dev.iii.bench.party;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandlerThreadsTest {

    @Test
    void eachIsNamedByItsArgument() {
        for (HandlerThreads threads : HandlerThreads.values()) {
            assertThat(HandlerThreads.of(threads.argument())).isSameAs(threads);
        }
    }

    @Test
    void anUnknownArgumentNamesTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> HandlerThreads.of("true"))
                .withMessageContaining("pool, non-blocking or virtual");
    }

    @Test
    void virtualThreadsAreAvailableFromJava21() {
        assertThat(HandlerThreads.POOL.availableHere()).isTrue();
        assertThat(HandlerThreads.NON_BLOCKING.availableHere()).isTrue();
        assertThat(HandlerThreads.VIRTUAL.availableHere()).isEqualTo(Runtime.version().feature() >= 21);
    }
}
