package dev.iii.spring.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.engine.EngineTls;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.TestCertificates;
import dev.iii.sdk.channel.Channel;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelWriter;
import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code wss://} to the embedded engine over TLS with a generated certificate, trusted through a Spring Boot
 * SSL bundle ({@code iii.ssl.bundle}); a certificate for another host and one the bundle does not trust are
 * refused, and the log says which.
 */
@ExtendWith(OutputCaptureExtension.class)
class SslBundleEndToEndTests {

    private EmbeddedEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    private static EmbeddedEngine engineWith(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        return EmbeddedEngine.builder().port(0).httpPort(0).tls(new EngineTls(store, TestCertificates.PASSWORD)).build()
                .start();
    }

    private ApplicationContextRunner workerTrusting(Path trustStore) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, IIIAutoConfiguration.class))
                .withPropertyValues("iii.url=" + engine.url(), "iii.ssl.bundle=engine",
                        "iii.worker.name=tls-" + UUID.randomUUID(), "iii.reconnect.initial-delay=100ms",
                        "iii.reconnect.max-delay=200ms",
                        "spring.ssl.bundle.jks.engine.truststore.location=file:" + trustStore,
                        "spring.ssl.bundle.jks.engine.truststore.password=" + TestCertificates.PASSWORD,
                        "spring.ssl.bundle.jks.engine.truststore.type=PKCS12");
    }

    @Test
    void aCertificateTheBundleTrustsForTheEnginesHostConnects() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        engine = engineWith(certificates.loopback);
        assertThat(engine.url()).startsWith("wss://127.0.0.1:");
        workerTrusting(certificates.trust).run(context -> {
            IIIWorker worker = context.getBean(IIIWorker.class);
            await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
            assertThat(worker.discovery().listWorkers().join()).anyMatch(info -> info.name().startsWith("tls-"));
            // A data channel's ends open sockets of their own, with the same trust.
            Channel channel = worker.channels().create().get();
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try (ChannelReader in = channel.reader()) {
                    return in.readAllBytes();
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            try (ChannelWriter out = channel.writer()) {
                out.write("over wss".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(new String(read.get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("over wss");
        });
    }

    @Test
    void aCertificateForAnotherHostIsRefusedAndTheLogSaysSo(CapturedOutput output) throws Exception {
        TestCertificates certificates = TestCertificates.get();
        engine = engineWith(certificates.wrongHost);
        assertRefused(workerTrusting(certificates.trust), output, "127.0.0.1");
    }

    @Test
    void aCertificateTheBundleDoesNotTrustIsRefusedAndTheLogSaysSo(CapturedOutput output) throws Exception {
        TestCertificates certificates = TestCertificates.get();
        engine = engineWith(certificates.loopback);
        assertRefused(workerTrusting(certificates.trustWrongHostOnly), output, "PKIX path building failed");
    }

    private static void assertRefused(ApplicationContextRunner runner, CapturedOutput output, String detail) {
        runner.run(context -> {
            IIIWorker worker = context.getBean(IIIWorker.class);
            await().until(() -> worker.lastError().isPresent());
            assertThat(worker.connectionState()).isNotEqualTo(ConnectionState.CONNECTED);
            assertThat(worker.lastError().get().getMessage()).startsWith("TLS failed").contains(detail);
            await().until(() -> output.getOut().contains("Cannot connect to the iii engine at wss://127.0.0.1:"));
            assertThat(output.getOut()).contains("TLS failed");
        });
    }
}
