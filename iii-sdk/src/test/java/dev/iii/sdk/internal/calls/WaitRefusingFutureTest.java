package dev.iii.sdk.internal.calls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.iii.sdk.internal.threads.NonBlockingSection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Waiting for a call's future fails inside a non-blocking section, for derived futures too, and nowhere else. */
class WaitRefusingFutureTest {

    @Test
    void everyWaitOnAPendingFutureAndItsDerivedFuturesFailsInsideASection() {
        WaitRefusingFuture<String> pending = new WaitRefusingFuture<>();
        CompletableFuture<Integer> derived = pending.thenApply(String::length)
                .thenCompose(CompletableFuture::completedFuture);
        NonBlockingSection.run(() -> {
            assertThatIllegalStateException().isThrownBy(pending::join).withMessageContaining("join()");
            assertThatIllegalStateException().isThrownBy(pending::get).withMessageContaining("get()");
            assertThatIllegalStateException().isThrownBy(() -> pending.get(1, TimeUnit.SECONDS))
                    .withMessageContaining("get(timeout)");
            assertThatIllegalStateException().isThrownBy(derived::join).withMessageContaining("non-blocking");
        });
    }

    @Test
    void aDoneFutureMayBeReadInsideASectionAndAPendingOneWaitedForOutsideIt() throws Exception {
        WaitRefusingFuture<String> done = new WaitRefusingFuture<>();
        done.complete("ready");
        NonBlockingSection.run(() -> assertThat(done.join()).isEqualTo("ready"));

        WaitRefusingFuture<String> pending = new WaitRefusingFuture<>();
        CompletableFuture.runAsync(() -> pending.complete("later"));
        assertThat(pending.get(10, TimeUnit.SECONDS)).isEqualTo("later");
    }

    @Test
    void aSectionEndsWithItsBodyEvenWhenTheBodyThrows() {
        WaitRefusingFuture<String> pending = new WaitRefusingFuture<>();
        assertThatIllegalArgumentException().isThrownBy(() -> NonBlockingSection.run(() -> {
            throw new IllegalArgumentException("handler failed");
        }));
        CompletableFuture.runAsync(() -> pending.complete("after"));
        assertThat(pending.join()).isEqualTo("after");
    }
}
