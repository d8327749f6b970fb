package dev.iii.sdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Keepalive (wire specification §4.5): the worker pings on its interval and, when nothing at all comes
 * back for the idle timeout, drops the connection and reconnects. Needs a peer that goes silent, which no
 * WebSocket server library offers (they all answer pings), so this test speaks just enough of RFC 6455 on
 * a plain socket: the upgrade, one greeting frame, and reading the worker's frame headers.
 */
class KeepaliveTest {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final List<Integer> opcodes = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket server;
    private IIIWorker worker;

    @AfterEach
    void stop() throws IOException {
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        server.close();
    }

    @Test
    void pingsOnItsIntervalAndReconnectsWhenThePeerFallsSilent() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptSilently, "silent-engine");
        acceptor.setDaemon(true);
        acceptor.start();

        worker = III.registerWorker(WorkerOptions.builder().url("ws://127.0.0.1:" + server.getLocalPort())
                .name("keepalive").pingInterval(Duration.ofMillis(100)).idleTimeout(Duration.ofMillis(600))
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());

        await().atMost(Duration.ofSeconds(20)).until(() -> opcodes.contains(0x9));
        await().atMost(Duration.ofSeconds(20)).until(() -> connections.get() >= 2);
    }

    private void acceptSilently() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> serveSilently(socket), "silent-connection");
                reader.setDaemon(true);
                reader.start();
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private void serveSilently(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            BufferedReader headers = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            String key = null;
            for (String line = headers.readLine(); line != null && !line.isEmpty(); line = headers.readLine()) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] greeting = ("{\"type\":\"workerregistered\",\"worker_id\":\"silent-" + connections.incrementAndGet()
                    + "\"}").getBytes(StandardCharsets.UTF_8);
            out.write(new byte[] { (byte) 0x81, (byte) greeting.length });
            out.write(greeting);
            out.flush();
            // The upgrade request was read through a buffer; the rest of the stream is frames. Only
            // headers are needed: record each opcode, skip the payload, never answer.
            readFramesWithoutAnswering(headers, in);
        }
        catch (Exception ex) {
            // The worker dropped the connection: that is what the test waits for.
        }
    }

    private void readFramesWithoutAnswering(BufferedReader buffered, InputStream raw) throws IOException {
        // BufferedReader may hold the first frame bytes as chars; ISO-8859-1 maps them back one to one.
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                if (buffered.ready()) {
                    return buffered.read();
                }
                return raw.read();
            }
        };
        while (true) {
            int first = in.read();
            int second = in.read();
            if (first < 0 || second < 0) {
                return;
            }
            opcodes.add(first & 0x0F);
            long length = second & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            }
            else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            long skip = length + ((second & 0x80) != 0 ? 4 : 0);
            for (long i = 0; i < skip; i++) {
                if (in.read() < 0) {
                    return;
                }
            }
        }
    }
}
