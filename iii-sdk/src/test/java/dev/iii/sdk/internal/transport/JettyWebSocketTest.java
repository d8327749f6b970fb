package dev.iii.sdk.internal.transport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sockets the connector opens, against a peer written byte by byte here, so that what it sends, and when, is
 * exact: the frames that arrive in the same write as the upgrade response (which the JDK's client lost now and
 * then), text split in the middle of a character, invalid UTF-8, pings, and reading only as far as asked.
 */
class JettyWebSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ExecutorService peerThread = Executors.newSingleThreadExecutor();
    private ServerSocket server;
    private WebSocketConnector connector;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        connector = new WebSocketConnector(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/"), Map.of(),
                Duration.ofSeconds(5), 16 * 1024 * 1024, 1 << 20, null, Runnable::run);
    }

    @AfterEach
    void stop() throws IOException {
        connector.close();
        server.close();
        peerThread.shutdownNow();
    }

    @Test
    void everyByteThatArrivesInTheSameWriteAsTheUpgradeResponseIsDelivered() throws Exception {
        int frames = 40;
        int size = 64 * 1024;
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) i);
            stream.write(frame(0x82, payload));
        }
        stream.write(frame(0x81, "done".getBytes(StandardCharsets.UTF_8)));
        stream.write(frame(0x88, new byte[] {0x03, (byte) 0xE8}));
        CompletableFuture<byte[]> answer = peer(stream.toByteArray());
        Recorder recorder = new Recorder(true);

        connector.open(uri(), recorder).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> recorder.closeCode.get() != null);
        byte[] received = recorder.binary.toByteArray();
        assertThat(received).hasSize(frames * size);
        for (int i = 0; i < frames; i++) {
            byte expected = (byte) i;
            assertThat(Arrays.copyOfRange(received, i * size, (i + 1) * size)).as("frame %d", i)
                    .containsOnly(expected);
        }
        assertThat(recorder.texts).containsExactly("done");
        assertThat(recorder.closeCode.get()).isEqualTo(1000);
        assertThat(recorder.error.get()).isNull();
        // The Close was answered with the same code.
        assertThat(closeCode(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo(1000);
    }

    @Test
    void aCharacterSplitBetweenTwoTextFramesIsDeliveredWhole() throws Exception {
        byte[] text = "aé€b".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        // "a", the first byte of "é" | the second, the first two of "€" | the third, "b"
        stream.write(frame(0x01, Arrays.copyOfRange(text, 0, 2)));
        stream.write(frame(0x00, Arrays.copyOfRange(text, 2, 5)));
        stream.write(frame(0x80, Arrays.copyOfRange(text, 5, text.length)));
        stream.write(frame(0x81, "next".getBytes(StandardCharsets.UTF_8)));
        peer(stream.toByteArray());
        Recorder recorder = new Recorder(true);

        connector.open(uri(), recorder).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> recorder.texts.size() == 2);
        assertThat(recorder.texts).containsExactly("aé€b", "next");
    }

    @Test
    void invalidUtf8EndsTheSocketWith1007AndTellsTheListener() throws Exception {
        CompletableFuture<byte[]> answer = peer(frame(0x81, new byte[] {'a', (byte) 0xFF}));
        Recorder recorder = new Recorder(true);

        connector.open(uri(), recorder).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> recorder.error.get() != null);
        assertThat(recorder.error.get()).isInstanceOf(CharacterCodingException.class);
        assertThat(recorder.texts).isEmpty();
        assertThat(closeCode(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo(1007);
    }

    @Test
    void nothingIsReadBeforeItIsAskedForAndAPingIsAnsweredBeforeTheListenerHearsOfIt() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(frame(0x89, "hi".getBytes(StandardCharsets.UTF_8)));
        stream.write(frame(0x82, new byte[] {7}));
        CompletableFuture<byte[]> answer = peer(stream.toByteArray());
        Recorder recorder = new Recorder(false);

        WebSocket socket = connector.open(uri(), recorder).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> recorder.events.isEmpty());
        socket.request(1);
        await().atMost(WAIT).until(() -> recorder.events.size() == 1);
        assertThat(recorder.events).containsExactly("ping hi");
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> recorder.events.size() == 1);
        socket.request(1);
        await().atMost(WAIT).until(() -> recorder.events.size() == 2);
        assertThat(recorder.events).containsExactly("ping hi", "binary 1");
        socket.sendClose(1000, "");
        assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith(0x8A, 2, 'h', 'i');
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws/channels/c?key=k&dir=read");
    }

    /**
     * Accepts one connection, answers its upgrade and writes {@code frames} in the same write as the response;
     * completes with the payload-unmasked frames the client sent until it sent a Close.
     */
    private CompletableFuture<byte[]> peer(byte[] frames) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                String key = upgradeKey(in);
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                byte[] response = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                OutputStream out = socket.getOutputStream();
                byte[] all = Arrays.copyOf(response, response.length + frames.length);
                System.arraycopy(frames, 0, all, response.length, frames.length);
                out.write(all);
                out.flush();
                return clientFramesUntilClose(new DataInputStream(in));
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, peerThread);
    }

    private static String upgradeKey(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the client closed during its upgrade");
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.US_ASCII).lines()
                .filter(line -> line.toLowerCase().startsWith("sec-websocket-key:"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElseThrow();
    }

    private static byte[] clientFramesUntilClose(DataInputStream in) throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            }
            else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = new byte[4];
            in.readFully(mask);
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            frames.write(first);
            frames.write((int) length);
            frames.write(payload);
            if ((first & 0x0F) == 0x8) {
                return frames.toByteArray();
            }
        }
    }

    /** The code of the Close that ends what the client sent (each frame recorded as head, length, payload). */
    private static int closeCode(byte[] frames) {
        int at = 0;
        while ((frames[at] & 0x0F) != 0x8) {
            at += 2 + (frames[at + 1] & 0xFF);
        }
        return ((frames[at + 2] & 0xFF) << 8) | (frames[at + 3] & 0xFF);
    }

    /** An unmasked server frame: {@code head} is the first byte (FIN and opcode). */
    private static byte[] frame(int head, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 10);
        frame.put((byte) head);
        if (payload.length < 126) {
            frame.put((byte) payload.length);
        }
        else if (payload.length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) payload.length);
        }
        else {
            frame.put((byte) 127).putLong(payload.length);
        }
        frame.put(payload).flip();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    /** Records what the socket delivers, asking for the next part after each when {@code reads}. */
    private static final class Recorder implements WebSocket.Listener {

        private final boolean reads;
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private final StringBuilder text = new StringBuilder();
        private final List<String> texts = new CopyOnWriteArrayList<>();
        private final List<String> events = new CopyOnWriteArrayList<>();
        private final AtomicReference<Integer> closeCode = new AtomicReference<>();
        private final AtomicReference<Throwable> error = new AtomicReference<>();

        Recorder(boolean reads) {
            this.reads = reads;
        }

        @Override
        public void onOpen(WebSocket socket) {
            if (reads) {
                socket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
            text.append(part);
            if (last) {
                texts.add(text.toString());
                text.setLength(0);
            }
            next(socket);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer part, boolean last) {
            events.add("binary " + part.remaining());
            byte[] bytes = new byte[part.remaining()];
            part.get(bytes);
            synchronized (binary) {
                binary.write(bytes, 0, bytes.length);
            }
            next(socket);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
            events.add("ping " + StandardCharsets.UTF_8.decode(message));
            next(socket);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeCode.set(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable failure) {
            error.set(failure);
        }

        private void next(WebSocket socket) {
            if (reads) {
                socket.request(1);
            }
        }
    }
}
