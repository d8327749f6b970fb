package dev.iii.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Keepalive (wire specification §4.5): the worker pings on its interval and, when nothing at all comes
 * back for the idle timeout, drops the connection and reconnects. Needs a peer that goes silent, which no
 * WebSocket server library offers (they all answer pings): {@link RawWebSocketPeer}.
 */
class KeepaliveTest {

    private final List<Integer> opcodes = new CopyOnWriteArrayList<>();
    private RawWebSocketPeer peer;
    private IIIWorker worker;

    @AfterEach
    void stop() throws IOException {
        peer.close();
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void pingsOnItsIntervalAndReconnectsWhenThePeerFallsSilent() throws Exception {
        peer = new RawWebSocketPeer();
        worker = III.registerWorker(WorkerOptions.builder().url(peer.url()).name("keepalive")
                .pingInterval(Duration.ofMillis(100)).idleTimeout(Duration.ofMillis(600))
                .reconnectPolicy(ConnectSequenceTest.fastReconnect()).build());

        RawWebSocketPeer.Connection first = peer.nextConnection();
        first.sendText("{\"type\":\"workerregistered\",\"worker_id\":\"silent-1\"}");
        Thread reader = new Thread(() -> recordWithoutAnswering(first), "silent-connection");
        reader.setDaemon(true);
        reader.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> opcodes.contains(0x9));
        peer.nextConnection();
    }

    private void recordWithoutAnswering(RawWebSocketPeer.Connection connection) {
        try {
            while (true) {
                opcodes.add(connection.readFrame().opcode());
            }
        }
        catch (IOException ex) {
            // The worker dropped the connection: that is what the test waits for.
        }
    }
}
