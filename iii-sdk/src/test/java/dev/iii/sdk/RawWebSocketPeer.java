package dev.iii.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.Ping;

/**
 * The engine's end of a worker socket, speaking just enough RFC 6455 on a plain socket to do what no
 * WebSocket server library lets a test do: stay silent (never answer a ping), or stop reading altogether so
 * that the worker's writes stall. Serves one connection at a time, on a random loopback port.
 */
final class RawWebSocketPeer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final MessageCodec CODEC = new MessageCodec();

    /** A frame the worker sent (client frames are masked; the payload here is unmasked). */
    record Frame(int opcode, boolean fin, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** One accepted connection. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            upgrade();
        }

        private void upgrade() throws IOException {
            String key = null;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            String accept;
            try {
                accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Reads the upgrade request byte by byte, so that no frame byte is consumed into a buffer. */
        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
            throw new IOException("the worker closed during the upgrade");
        }

        /** Sends one unmasked text frame. */
        synchronized void sendText(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            out.write(0x81);
            if (payload.length < 126) {
                out.write(payload.length);
            }
            else if (payload.length < 65536) {
                out.write(126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xFF);
            }
            else {
                out.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) payload.length >>> shift) & 0xFF);
                }
            }
            out.write(payload);
            out.flush();
        }

        /** Sends a close frame with {@code code} and no reason, as an engine or a proxy ending the connection. */
        synchronized void sendClose(int code) throws IOException {
            out.write(new byte[] { (byte) 0x88, 2, (byte) (code >>> 8), (byte) code });
            out.flush();
        }

        /** Reads the next frame the worker sent; blocks. */
        Frame readFrame() throws IOException {
            int first = readByte();
            int second = readByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            }
            else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            byte[] mask = new byte[4];
            boolean masked = (second & 0x80) != 0;
            if (masked) {
                in.readNBytes(mask, 0, 4);
            }
            byte[] payload = in.readNBytes((int) length);
            if (masked) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            return new Frame(first & 0x0F, (first & 0x80) != 0, payload);
        }

        /** Reads frames until a whole text message arrives; control frames in between are skipped. */
        String readText() throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                Frame frame = readFrame();
                if (frame.opcode() == 0x1 || frame.opcode() == 0x0) {
                    message.writeBytes(frame.payload());
                    if (frame.fin()) {
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
            }
        }

        /**
         * Plays the engine's part of the worker's handshake: greets it, then answers its metadata call and the two
         * JSON pings of its replay (after the functions, after the bindings), reading everything up to the second.
         */
        void acceptHandshake(String workerId) throws IOException {
            acceptHandshakeWith("{\"type\":\"workerregistered\",\"worker_id\":\"" + workerId + "\"}");
        }

        /** {@link #acceptHandshake(String)} with a greeting of the test's own; returns what the worker sent. */
        List<Message> acceptHandshakeWith(String workerRegistered) throws IOException {
            sendText(workerRegistered);
            List<Message> sent = new ArrayList<>();
            int pings = 0;
            while (true) {
                Message message = CODEC.decode(readText());
                sent.add(message);
                if (message instanceof InvokeFunction call && call.invocationId() != null) {
                    sendText("{\"type\":\"invocationresult\",\"invocation_id\":\"" + call.invocationId()
                            + "\",\"function_id\":\"" + call.functionId() + "\",\"result\":{\"success\":true}}");
                }
                else if (message instanceof Ping) {
                    sendText("{\"type\":\"pong\"}");
                    if (++pings == 2) {
                        return sent;
                    }
                }
            }
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the worker closed the connection");
            }
            return b;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        /** Ends the connection with a TCP reset (RST), as a crashed proxy or a firewall does, instead of a FIN. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final List<Connection> all = new CopyOnWriteArrayList<>();

    RawWebSocketPeer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "raw-websocket-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "ws://127.0.0.1:" + server.getLocalPort();
    }

    /** The next connection a worker opens, upgraded. */
    Connection nextConnection() throws InterruptedException {
        Connection connection = accepted.poll(20, TimeUnit.SECONDS);
        if (connection == null) {
            throw new AssertionError("no worker connected within 20 s");
        }
        return connection;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Connection connection = new Connection(server.accept());
                all.add(connection);
                accepted.add(connection);
            }
            catch (IOException ex) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Connection connection : all) {
            connection.close();
        }
    }
}
