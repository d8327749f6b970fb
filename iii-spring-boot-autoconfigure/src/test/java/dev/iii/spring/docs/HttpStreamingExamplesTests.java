package dev.iii.spring.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.Registration;
import dev.iii.spring.docs.HttpStreamingExamples.Price;
import dev.iii.spring.e2e.TestEngineConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The upload, download and server-sent events examples of {@code docs/trigger-types.md}, in an application on an
 * embedded engine, read with a real HTTP client.
 */
@SpringBootTest(classes = HttpStreamingExamplesTests.StreamingApplication.class,
        properties = "spring.application.name=streaming")
class HttpStreamingExamplesTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private EmbeddedEngine engine;

    @Autowired
    private IIIWorker worker;

    @Autowired
    private Collaborators collaborators;

    @BeforeEach
    void routesAreUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create(engine.httpUrl() + "/reports/warmup")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
    }

    @Test
    void anUploadOfAnyContentTypeIsReadAsAStream() throws Exception {
        byte[] upload = new byte[2 * 1024 * 1024 + 9];
        new Random(11).nextBytes(upload);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/files"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"bytes\":" + upload.length + "}");
        assertThat(collaborators.lastContentType).isEqualTo("multipart/form-data; boundary=xyz");
        assertThat(collaborators.lastSha256).isEqualTo(sha256(upload));
    }

    @Test
    void aLargeDownloadIsStreamedWithItsHeaders() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                URI.create(engine.httpUrl() + "/reports/2026-11")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/csv");
        assertThat(response.headers().firstValue("content-disposition"))
                .contains("attachment; filename=\"report-2026-11.csv\"");
        long lines = 0;
        try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = body.readLine()) != null) {
                assertThat(line).startsWith("2026-11," + lines + ",");
                lines++;
            }
        }
        assertThat(lines).isEqualTo(Collaborators.REPORT_LINES);
    }

    @Test
    void serverSentEventsArriveAsTheyAreSentAndTheSubscriptionEndsWithTheStream() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                URI.create(engine.httpUrl() + "/prices/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
        await().until(() -> collaborators.listeners.size() == 1);
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(events.readLine()).isEqualTo(":");
            assertThat(events.readLine()).isEmpty();
            collaborators.publish(new Price("ACME", 12.5));
            assertThat(events.readLine()).isEqualTo("event: price");
            assertThat(events.readLine()).isEqualTo("data: {\"symbol\":\"ACME\",\"value\":12.5}");
            assertThat(events.readLine()).isEmpty();
            collaborators.publish(new Price("ACME", 13.0));
            assertThat(events.readLine()).isEqualTo("event: price");
            assertThat(events.readLine()).isEqualTo("data: {\"symbol\":\"ACME\",\"value\":13.0}");
        }
        // The client left: a send fails, the emitter completes, the subscription is withdrawn, the invocation ends.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            collaborators.publish(new Price("ACME", 1));
            return collaborators.listeners.isEmpty();
        });
        await().until(() -> worker.statistics().inFlightInvocations() == 0);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** In-memory collaborators of the examples. */
    static final class Collaborators implements HttpStreamingExamples.FileStore, HttpStreamingExamples.Reports,
            HttpStreamingExamples.PriceTicker {

        static final int REPORT_LINES = 200_000;

        final List<Consumer<Price>> listeners = new CopyOnWriteArrayList<>();
        volatile String lastContentType;
        volatile String lastSha256;

        @Override
        public long save(String contentType, InputStream content) throws IOException {
            lastContentType = contentType;
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
            long size = 0;
            byte[] buffer = new byte[8192];
            int read;
            while ((read = content.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
                size += read;
            }
            lastSha256 = HexFormat.of().formatHex(digest.digest());
            return size;
        }

        @Override
        public void writeCsv(String month, OutputStream out) throws IOException {
            for (int i = 0; i < REPORT_LINES; i++) {
                out.write((month + "," + i + ",some figures for the line\n").getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public Registration subscribe(Consumer<Price> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        void publish(Price price) {
            listeners.forEach(listener -> listener.accept(price));
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(TestEngineConfiguration.class)
    static class StreamingApplication {

        @Bean
        Collaborators collaborators() {
            return new Collaborators();
        }

        @Bean
        HttpStreamingExamples examples(Collaborators collaborators) {
            return new HttpStreamingExamples(collaborators, collaborators, collaborators);
        }
    }
}
