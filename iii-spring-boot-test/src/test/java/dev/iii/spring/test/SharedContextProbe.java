package dev.iii.spring.test;

import java.util.concurrent.atomic.AtomicReference;

import dev.iii.engine.EmbeddedEngine;

import static org.assertj.core.api.Assertions.assertThat;

/** Remembers the first engine a test class of the shared settings saw; every later one must be the same. */
final class SharedContextProbe {

    private static final AtomicReference<EmbeddedEngine> FIRST = new AtomicReference<>();

    private SharedContextProbe() {
    }

    static void record(EmbeddedEngine engine) {
        FIRST.compareAndSet(null, engine);
        assertThat(engine).isSameAs(FIRST.get());
    }
}
