package dev.iii.sdk;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code wss://} with the trust the application gives: a trusted certificate for the right host connects; an
 * untrusted one or one for another host is refused, and the log says which.
 */
class TlsTest {

    private TestEngine engine;
    private IIIWorker worker;

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aTrustedCertificateForTheEnginesHostConnects() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        engine = TestEngine.startTls(certificates.loopback);
        worker = III.registerWorker(WorkerOptions.builder().url(engine.url()).name("tls")
                .sslContext(certificates.trustingBoth()).build());
        engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
    }

    @Test
    void anUntrustedCertificateIsRefusedAndTheLogSaysSo() throws Exception {
        engine = TestEngine.startTls(TestCertificates.get().loopback);
        assertRefused(WorkerOptions.builder(), "PKIX path building failed");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedAndTheLogSaysSo() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        engine = TestEngine.startTls(certificates.wrongHost);
        assertRefused(WorkerOptions.builder().sslContext(certificates.trustingBoth()), "127.0.0.1");
    }

    private void assertRefused(WorkerOptions.Builder options, String detail) {
        try (LogCapture logs = new LogCapture()) {
            worker = III.registerWorker(options.url(engine.url()).name("tls-refused")
                    .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());
            await().until(() -> worker.lastError().isPresent());
            assertThat(worker.connectionState()).isNotEqualTo(ConnectionState.CONNECTED);
            assertThat(worker.lastError().get().getMessage()).startsWith("TLS failed").contains(detail);
            await().until(() -> logs.lines(Level.WARN).stream().anyMatch(line -> line.contains("TLS failed")));
        }
    }
}
