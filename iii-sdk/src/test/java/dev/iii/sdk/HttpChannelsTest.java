package dev.iii.sdk;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.sdk.channel.ChannelWriter;
import dev.iii.sdk.function.FunctionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An SDK worker behind the {@code http} trigger reads a raw upload and streams a large response back. */
class HttpChannelsTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedEngine engine;
    private IIIWorker worker;

    @BeforeEach
    void start() throws Exception {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        worker = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("files").build());
        worker.registerFunction("files::upload", FunctionOptions.none(),
                new TypeReference<HttpTriggerRequest<Void>>() { }, (request, context) -> {
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    long size = 0;
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream body = request.requestBody()) {
                        int read;
                        while ((read = body.read(buffer)) > 0) {
                            digest.update(buffer, 0, read);
                            size += read;
                        }
                    }
                    return HttpTriggerResponse.status(201, Map.of("bytes", size, "sha256",
                            HexFormat.of().formatHex(digest.digest())));
                });
        worker.registerFunction("files::download", FunctionOptions.none(),
                new TypeReference<HttpTriggerRequest<Void>>() { }, (request, context) -> {
                    int size = Integer.parseInt(request.queryParam("size"));
                    try (ChannelWriter out = request.startResponse(200, Map.of("content-type",
                            "application/octet-stream", "x-size", String.valueOf(size)))) {
                        out.write(content(size));
                    }
                    return null;
                });
        worker.registerTrigger("http", "files::upload", Map.of("api_path", "/files", "http_method", "POST"), null);
        worker.registerTrigger("http", "files::download", Map.of("api_path", "/files", "http_method", "GET"), null);
        worker.start();
        assertThat(worker.awaitConnected(Duration.ofSeconds(20))).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create(engine.httpUrl() + "/files?size=1")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
    }

    @AfterEach
    void stop() {
        worker.shutdown(Duration.ofSeconds(1));
        engine.close();
    }

    @Test
    void aMultipartUploadIsReadRawFromTheRequestBody() throws Exception {
        byte[] upload = new byte[3 * 1024 * 1024 + 11];
        new Random(3).nextBytes(upload);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/files"))
                .header("Content-Type", "multipart/form-data; boundary=----x")
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"bytes\":" + upload.length)
                .contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload)));
    }

    @Test
    void aLargeResponseIsStreamedWithItsStatusAndHeaders() throws Exception {
        int size = 20 * 1024 * 1024 + 5;
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                URI.create(engine.httpUrl() + "/files?size=" + size)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-size")).contains(String.valueOf(size));
        assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
        assertThat(response.body()).isEqualTo(content(size));
    }

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i ^ (i >>> 9));
        }
        return bytes;
    }
}
