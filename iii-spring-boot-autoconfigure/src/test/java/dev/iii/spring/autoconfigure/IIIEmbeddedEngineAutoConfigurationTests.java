package dev.iii.spring.autoconfigure;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.IIIWorker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class IIIEmbeddedEngineAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IIIEmbeddedEngineAutoConfiguration.class, IIIAutoConfiguration.class))
            .withPropertyValues("iii.embedded.http-port=0");

    @Test
    void startsAnEngineAndPointsTheWorkerAtIt() {
        runner.withPropertyValues("iii.embedded.enabled=true").run(context -> {
            EmbeddedEngine engine = context.getBean(EmbeddedEngine.class);
            assertThat(engine.port()).isPositive();
            assertThat(context.getBean(IIIWorker.class).options().url()).hasToString(engine.url());
            assertThat(context).doesNotHaveBean(PropertiesIIIConnectionDetails.class);
        });
    }

    @Test
    void anEngineUrlWinsOverTheEmbeddedEngine() {
        runner.withPropertyValues("iii.embedded.enabled=true", "iii.url=ws://127.0.0.1:9").run(context -> {
            assertThat(context).doesNotHaveBean(EmbeddedEngine.class);
            assertThat(context.getBean(IIIWorker.class).options().url()).hasToString("ws://127.0.0.1:9");
        });
    }

    @Test
    void offByDefault() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(EmbeddedEngine.class);
            assertThat(context.getBean(IIIWorker.class).options().url()).hasToString("ws://127.0.0.1:49134");
        });
    }

    @Test
    void backsOffForAUserEngine() {
        runner.withPropertyValues("iii.embedded.enabled=true")
                .withBean("myEngine", EmbeddedEngine.class, () -> EmbeddedEngine.builder().port(0).httpPort(0).build().start(),
                        definition -> definition.setDestroyMethodName("close"))
                .run(context -> assertThat(context).getBeans(EmbeddedEngine.class).containsOnlyKeys("myEngine"));
    }

    @Test
    void backsOffWithoutTheEngineModule() {
        runner.withPropertyValues("iii.embedded.enabled=true").withClassLoader(new FilteredClassLoader(EmbeddedEngine.class))
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedEngine.class).hasSingleBean(IIIWorker.class));
    }
}
