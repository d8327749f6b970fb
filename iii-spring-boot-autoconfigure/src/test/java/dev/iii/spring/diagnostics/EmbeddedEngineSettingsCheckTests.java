package dev.iii.spring.diagnostics;

import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings for an embedded engine that nothing starts are reported instead of silently ignored. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedEngineSettingsCheckTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IIIAutoConfiguration.class))
            .withPropertyValues("iii.url=ws://ops:s3cret@127.0.0.1:9/?token=abc");

    @Test
    void theFirstVersionsSwitchWithoutTheDevelopmentEngineIsAWarningThatSaysHowToRunIt(CapturedOutput output) {
        runner.withPropertyValues("iii.embedded.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("WARN").contains("iii.embedded.enabled is set, but no embedded iii engine runs "
                    + "in this application, so the worker connects to ws://127.0.0.1:9/.")
                    .contains("The development-time engine comes from iii-spring-boot-test (test scope)")
                    .contains(".with(IIIDevelopmentEngine.class) and run ./mvnw spring-boot:test-run")
                    .doesNotContain("s3cret").doesNotContain("token=abc");
        });
    }

    @Test
    void everySettingIsNamedOnce(CapturedOutput output) {
        runner.withPropertyValues("iii.embedded.port=0", "iii.embedded.http-port=0").run(context -> assertThat(output)
                .containsOnlyOnce("iii.embedded.http-port, iii.embedded.port are set, but no embedded iii engine"));
    }

    @Test
    void nothingIsSaidWithoutSuchSettings(CapturedOutput output) {
        runner.withPropertyValues("iii.embeddedness=1").run(context -> {
            assertThat(context).hasSingleBean(EmbeddedEngineSettingsCheck.class);
            assertThat(output).doesNotContain("no embedded iii engine");
        });
    }
}
