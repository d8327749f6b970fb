package dev.iii.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.channel.Channel;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelWriter;
import dev.iii.sdk.function.FunctionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Data channels between the official Node SDK and the Java SDK on the embedded engine, 50 MiB each way: channels
 * the Java worker creates and the Node worker pipes through, channels the Node worker creates and the Java worker
 * pipes through, and the streamed {@code http} responses of a Node and of a Java handler read with a real HTTP
 * client. Every byte is compared with the pattern both sides compute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeChannelsInteropTest {

    private static final int SIZE = 50 * 1024 * 1024;
    private static final Duration LONG = Duration.ofSeconds(120);

    /** What java::channel-echo receives: both ends bound from the refs the Node worker sent. */
    record Pipe(ChannelReader input, ChannelWriter output) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedEngine engine;
    private NodeWorker node;
    private IIIWorker java;

    @BeforeAll
    void start() throws Exception {
        NodeProjects.requireInstalled(NodeWorker.interopDir());
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        node = NodeWorker.start("node-channels.mjs", engine.url(), Map.of());
        node.awaitLine("READY");
        java = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("java-channels")
                .invocationTimeout(LONG).build());
        java.registerFunction("java::channel-echo", FunctionOptions.none(), Pipe.class, (pipe, context) -> {
            long bytes;
            try (ChannelReader in = pipe.input(); ChannelWriter out = pipe.output()) {
                bytes = in.transferTo(out);
            }
            return Map.of("bytes", bytes);
        });
        java.registerFunction("java::download", FunctionOptions.none(),
                new TypeReference<HttpTriggerRequest<Void>>() { }, (request, context) -> {
                    int size = Integer.parseInt(request.queryParam("size"));
                    try (ChannelWriter out = request.startResponse(200, Map.of("content-type",
                            "application/octet-stream", "x-size", String.valueOf(size)))) {
                        writePattern(out, size);
                    }
                    return null;
                });
        java.registerTrigger("http", "java::download", Map.of("api_path", "/java/download"), null);
        java.start();
        assertThat(java.awaitConnected(Duration.ofSeconds(20))).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create(engine.httpUrl() + "/java/download?size=1")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
    }

    @AfterAll
    void stop() {
        if (java != null) {
            java.shutdown(Duration.ofSeconds(2));
        }
        if (node != null) {
            node.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void javaCreatedChannelsStreamThroughTheNodeWorkerAndBack() throws Exception {
        Channel there = java.channels().create().get();
        Channel back = java.channels().create().get();
        CompletableFuture<JsonNode> echoed = java.call("node::channel-echo",
                Map.of("input", there.reader(), "output", back.writerRef()),
                dev.iii.sdk.CallOptions.defaults().withTimeout(LONG));
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try (ChannelWriter out = there.writer()) {
                writePattern(out, SIZE);
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
        try (ChannelReader in = back.reader()) {
            assertThat(matchesPattern(in)).isEqualTo(SIZE);
        }
        writing.get(LONG.toSeconds(), TimeUnit.SECONDS);
        assertThat(echoed.get(LONG.toSeconds(), TimeUnit.SECONDS).get("bytes").asLong()).isEqualTo(SIZE);
    }

    @Test
    void nodeCreatedChannelsStreamThroughTheJavaWorkerAndBack() throws Exception {
        JsonNode result = java.call("node::roundtrip-java", Map.of("size", SIZE),
                dev.iii.sdk.CallOptions.defaults().withTimeout(LONG)).get(LONG.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.get("bytes").asLong()).isEqualTo(SIZE);
        assertThat(result.get("javaBytes").asLong()).isEqualTo(SIZE);
        assertThat(result.get("equal").asBoolean()).isTrue();
    }

    @Test
    void aNodeHandlersStreamedResponseIsReadByAnHttpClient() throws Exception {
        assertStreamedDownload("/node/download?size=" + SIZE);
    }

    @Test
    void aJavaHandlersStreamedResponseIsReadByAnHttpClient() throws Exception {
        assertStreamedDownload("/java/download?size=" + SIZE);
    }

    private void assertStreamedDownload(String path) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(engine.httpUrl() + path))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
        assertThat(response.headers().firstValue("x-size")).contains(String.valueOf(SIZE));
        try (InputStream body = response.body()) {
            assertThat(matchesPattern(body)).isEqualTo(SIZE);
        }
    }

    /** Byte {@code i} of the pattern both sides compute. */
    private static byte pattern(long i) {
        return (byte) (i * 31 + (i >> 16));
    }

    private static void writePattern(OutputStream out, int size) throws IOException {
        byte[] chunk = new byte[ChannelWriter.FRAME_SIZE];
        for (int offset = 0; offset < size; offset += chunk.length) {
            int length = Math.min(chunk.length, size - offset);
            for (int j = 0; j < length; j++) {
                chunk[j] = pattern(offset + j);
            }
            out.write(chunk, 0, length);
        }
    }

    /** Reads to the end, failing at the first byte that differs from the pattern; returns how many were read. */
    private static long matchesPattern(InputStream in) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long offset = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            for (int j = 0; j < read; j++) {
                if (buffer[j] != pattern(offset + j)) {
                    throw new AssertionError("byte " + (offset + j) + " differs: " + buffer[j] + " instead of "
                            + pattern(offset + j));
                }
            }
            offset += read;
        }
        return offset;
    }
}
