package dev.iii.sdk;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credentials (the URL's user info and query string, handshake headers) reach the engine and nothing else: no
 * log line at any level down to DEBUG, from this SDK or the libraries under it (Spring, and the JDK's HTTP client
 * through java.util.logging), and no error the worker reports.
 */
class CredentialsTest {

    private static final String USER_SECRET = "s3cr3t-pass";
    private static final String QUERY_SECRET = "t0k3n-value";
    private static final String HEADER_SECRET = "hdr-s3cr3t";
    private static final String TOKEN_SECRET = "iii-t0k3n";
    private static final List<String> SECRETS = List.of(USER_SECRET, QUERY_SECRET, HEADER_SECRET, TOKEN_SECRET,
            Base64.getEncoder().encodeToString(("ada:" + USER_SECRET).getBytes()));

    private final List<String> julLines = new CopyOnWriteArrayList<>();
    private final Handler jul = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // FINE is DEBUG; FINER and FINEST are TRACE.
            if (record.getLevel().intValue() >= java.util.logging.Level.FINE.intValue()) {
                julLines.add(record.getLevel() + " " + record.getMessage() + " " + record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private TestEngine engine;
    private IIIWorker worker;

    @AfterEach
    void stop() throws Exception {
        julRoot.removeHandler(jul);
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static String url(int port) {
        return "ws://ada:" + USER_SECRET + "@127.0.0.1:" + port + "/?tenant=t1&token=" + QUERY_SECRET;
    }

    @Test
    void credentialsReachTheEngineAndNoLogLineOrError() throws Exception {
        julRoot.addHandler(jul);
        java.util.logging.Level julLevel = julRoot.getLevel();
        julRoot.setLevel(java.util.logging.Level.ALL);
        List<String> reported = new ArrayList<>();
        try (LogCapture logs = new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            IIIWorker unreachable = IIIWorker.create(WorkerOptions.builder().url(url(closedPort)).name("secretive")
                    .header("X-Api-Key", HEADER_SECRET)
                    .reconnectPolicy(new ReconnectPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(20), 0, 2))
                    .build()).start();
            await().until(() -> unreachable.connectionState() == ConnectionState.FAILED);
            unreachable.lastError().ifPresent(error -> reported.add(error.getMessage()));
            reported.add(unreachable.options().safeUrl());
            unreachable.shutdown(Duration.ofSeconds(1));

            engine = TestEngine.start();
            int port = Integer.parseInt(engine.url().substring(engine.url().lastIndexOf(':') + 1));
            worker = IIIWorker.create(WorkerOptions.builder().url(url(port)).name("secretive")
                    .header("X-Api-Key", HEADER_SECRET).reconnectPolicy(ConnectSequenceTest.fastReconnect())
                    .build()).start();
            TestEngine.WorkerSide first = engine.nextConnection();
            await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
            // The engine gets them all: user info as Basic authorization, the query string, the header.
            assertThat(engine.handshakeHeaders().get("Authorization")).containsExactly("Basic "
                    + Base64.getEncoder().encodeToString(("ada:" + USER_SECRET).getBytes()));
            assertThat(engine.handshakeHeaders().get("X-Api-Key")).containsExactly(HEADER_SECRET);
            assertThat(engine.handshakeQuery()).isEqualTo("tenant=t1&token=" + QUERY_SECRET);

            first.drop();
            engine.nextConnection();
            await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
            reported.add(worker.options().toString());
            worker.shutdown(Duration.ofSeconds(1));

            // III_TOKEN, as the official SDKs read it, travels as a Bearer token.
            IIIWorker tokened = IIIWorker.create(WorkerOptions.builder().environment(Map.of("III_TOKEN", TOKEN_SECRET)::get)
                    .url(engine.url()).name("tokened").build()).start();
            engine.nextConnection();
            await().until(() -> tokened.connectionState() == ConnectionState.CONNECTED);
            assertThat(engine.handshakeHeaders().get("Authorization")).containsExactly("Bearer " + TOKEN_SECRET);
            reported.add(tokened.options().toString());
            tokened.shutdown(Duration.ofSeconds(1));
            logs.close();

            // Jetty's client, which opens the sockets, prints the raw handshake at DEBUG, as any HTTP client's wire
            // log does; from INFO up it prints none of it.
            List<String> lines = new ArrayList<>(logs.lines(Level.DEBUG, "org.eclipse.jetty", Level.INFO));
            lines.addAll(julLines);
            lines.addAll(reported);
            assertThat(lines).as("what was logged and reported").isNotEmpty()
                    .anyMatch(line -> line.contains("ws://127.0.0.1:" + closedPort + "/"));
            for (String secret : SECRETS) {
                assertThat(lines).as("lines with " + secret).noneMatch(line -> line.contains(secret));
            }
        }
        finally {
            julRoot.setLevel(julLevel);
        }
    }
}
