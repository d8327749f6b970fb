package dev.iii.bench.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.eclipse.jetty.ee11.websocket.jakarta.client.JakartaWebSocketClientContainer;

/**
 * A process that streams to a {@link SinkServer}: a warm-up round, then {@code rounds} rounds of {@code mib} MiB in
 * 64 KiB binary messages (a data channel's frame size), each sent when the one before was written. Prints one
 * line per measured round: {@code ROUND <MiB/s> <client CPU ns per byte> <server CPU ns per byte>}. Arguments:
 * {@code tomcat|jetty|jdk <port> <mib> <rounds>}.
 */
public final class StreamingClient {

    static final int MESSAGE = 64 * 1024;
    private static final long WAIT_SECONDS = 120;

    /** The few things a round needs of a socket, whichever client opened it. */
    private interface Socket {

        void sendBinary(ByteBuffer message) throws Exception;

        void sendText(String text) throws Exception;
    }

    private StreamingClient() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        URI url = URI.create("ws://127.0.0.1:" + Integer.parseInt(args[1]) + "/sink");
        long bytes = Long.parseLong(args[2]) * 1024 * 1024;
        int rounds = Integer.parseInt(args[3]);
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        Socket socket = kind.equals("jdk") ? jdk(url, replies) : jsr356(container(kind), url, replies);
        for (int round = 0; round <= rounds; round++) {
            socket.sendText("reset");
            reply(replies);
            long cpu = Sink.processCpuNanos();
            long start = System.nanoTime();
            ByteBuffer message = ByteBuffer.allocate(MESSAGE);
            for (long sent = 0; sent < bytes; sent += MESSAGE) {
                socket.sendBinary(message.clear());
            }
            socket.sendText("stats");
            String[] stats = reply(replies).split(" ");
            double seconds = (System.nanoTime() - start) / 1e9;
            long clientCpu = Sink.processCpuNanos() - cpu;
            if (Long.parseLong(stats[1]) != bytes) {
                throw new IllegalStateException("the sink counted " + stats[1] + " bytes of " + bytes);
            }
            if (round > 0) {
                System.out.printf(Locale.ROOT, "ROUND %.1f %.2f %.2f%n", bytes / seconds / (1 << 20),
                        (double) clientCpu / bytes, Double.parseDouble(stats[0]) / bytes);
            }
        }
        System.exit(0);
    }

    private static String reply(BlockingQueue<String> replies) throws InterruptedException {
        String reply = replies.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (reply == null) {
            throw new IllegalStateException("the sink did not answer");
        }
        return reply;
    }

    private static WebSocketContainer container(String kind) throws Exception {
        return switch (kind) {
            case "tomcat" -> new WsWebSocketContainer();
            case "jetty" -> {
                JakartaWebSocketClientContainer jetty = new JakartaWebSocketClientContainer();
                jetty.start();
                yield jetty;
            }
            default -> throw new IllegalArgumentException("unknown client " + kind);
        };
    }

    private static Socket jsr356(WebSocketContainer container, URI url, BlockingQueue<String> replies)
            throws Exception {
        Session session = container.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session opened, EndpointConfig config) {
                opened.addMessageHandler(String.class, replies::add);
            }
        }, ClientEndpointConfig.Builder.create().build(), url);
        return new Socket() {
            @Override
            public void sendBinary(ByteBuffer message) throws Exception {
                session.getBasicRemote().sendBinary(message);
            }

            @Override
            public void sendText(String text) throws Exception {
                session.getBasicRemote().sendText(text);
            }
        };
    }

    private static Socket jdk(URI url, BlockingQueue<String> replies) {
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    replies.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
        return new Socket() {
            @Override
            public void sendBinary(ByteBuffer message) {
                socket.sendBinary(message, true).join();
            }

            @Override
            public void sendText(String text) {
                socket.sendText(text, true).join();
            }
        };
    }
}
