package dev.iii.spring.autoconfigure;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code iii.ssl.bundle}: a Spring Boot SSL bundle for {@code wss://} engine URLs. */
@ExtendWith(OutputCaptureExtension.class)
class IIISslBundleTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, IIIAutoConfiguration.class));

    private static String[] engineBundle() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        return new String[] { "spring.ssl.bundle.jks.engine.truststore.location=file:" + certificates.trust,
                "spring.ssl.bundle.jks.engine.truststore.password=" + TestCertificates.PASSWORD,
                "spring.ssl.bundle.jks.engine.truststore.type=PKCS12" };
    }

    @Test
    void theNamedBundleGivesTheWorkerItsSslContext() throws Exception {
        runner.withPropertyValues(engineBundle()).withPropertyValues("iii.url=wss://127.0.0.1:9", "iii.ssl.bundle=engine")
                .run(context -> {
                    assertThat(context.getBean(IIIConnectionDetails.class).getSslBundle()).isNotNull();
                    assertThat(context.getBean(IIIWorker.class).options().sslContext()).isNotNull();
                });
    }

    @Test
    void withoutABundleTheWorkerUsesTheJvmsTrust() {
        runner.withPropertyValues("iii.url=wss://127.0.0.1:9").run(context -> {
            assertThat(context.getBean(IIIConnectionDetails.class).getSslBundle()).isNull();
            assertThat(context.getBean(IIIWorker.class).options().sslContext()).isNull();
        });
    }

    @Test
    void anUnknownBundleFailsStartupNamingIt() {
        runner.withPropertyValues("iii.url=wss://127.0.0.1:9", "iii.ssl.bundle=missing").run(context ->
                assertThat(context).getFailure().hasRootCauseInstanceOf(NoSuchSslBundleException.class)
                        .rootCause().hasMessageContaining("'missing'"));
    }

    @Test
    void aBundleWithoutSpringBootsSslSupportFailsStartupSayingSo() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IIIAutoConfiguration.class))
                .withPropertyValues("iii.url=wss://127.0.0.1:9", "iii.ssl.bundle=engine").run(context ->
                        assertThat(context).getFailure().rootCause().hasMessage(
                                "iii.ssl.bundle is 'engine', but the application has no SSL bundles (spring.ssl.bundle.*)"));
    }

    @Test
    void aBundleForAPlainWebSocketUrlIsAWarning(CapturedOutput output) throws Exception {
        runner.withPropertyValues(engineBundle()).withPropertyValues("iii.url=ws://127.0.0.1:9", "iii.ssl.bundle=engine")
                .run(context -> {
                    assertThat(context.getBean(IIIWorker.class).options().sslContext()).isNull();
                    assertThat(output).contains("An SSL bundle is set for the iii engine connection (iii.ssl.bundle), "
                            + "but the engine URL (iii.url) is ws://: the connection is not encrypted; use wss://");
                });
    }
}
