package dev.iii.spring.test;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedIIIEngineContextCustomizerFactoryTests {

    private final EmbeddedIIIEngineContextCustomizerFactory factory = new EmbeddedIIIEngineContextCustomizerFactory();

    @EmbeddedIIIEngine
    static class RandomPorts {
    }

    @EmbeddedIIIEngine
    static class AlsoRandomPorts {
    }

    @EmbeddedIIIEngine(httpPort = 3111)
    static class FixedHttpPort {
    }

    static class NoEngine {
    }

    static class InheritsTheEngine extends RandomPorts {
    }

    @Test
    void equalSettingsGiveEqualCustomizersSoContextsAreShared() {
        ContextCustomizer first = factory.createContextCustomizer(RandomPorts.class, List.of());
        ContextCustomizer second = factory.createContextCustomizer(AlsoRandomPorts.class, List.of());
        ContextCustomizer inherited = factory.createContextCustomizer(InheritsTheEngine.class, List.of());
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second).isEqualTo(inherited);
        assertThat(first).isNotEqualTo(factory.createContextCustomizer(FixedHttpPort.class, List.of()));
    }

    @Test
    void testsWithoutTheAnnotationAreLeftAlone() {
        assertThat(factory.createContextCustomizer(NoEngine.class, List.of())).isNull();
    }
}
