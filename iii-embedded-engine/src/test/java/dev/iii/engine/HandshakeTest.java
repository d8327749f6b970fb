package dev.iii.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The WebSocket upgrade as the real engine answers it: no extension is ever negotiated. */
class HandshakeTest {

    private EmbeddedEngine engine;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/otel" })
    void aPermessageDeflateOfferIsDeclined(String path) throws IOException {
        // What the Node SDK (ws) offers on both of its sockets.
        String response = upgrade(path, "permessage-deflate; client_max_window_bits");
        assertThat(response).startsWith("HTTP/1.1 101 ");
        assertThat(response.toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");
    }

    /** Sends a raw upgrade request and returns the response head. */
    private String upgrade(String path, String extensions) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        try (Socket socket = new Socket(engine.host(), engine.port())) {
            socket.setSoTimeout((int) TestWorker.WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + engine.host() + ":" + engine.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Extensions: " + extensions
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return head(socket.getInputStream());
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
