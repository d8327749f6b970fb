package dev.iii.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.iii.protocol.RawJson;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import dev.iii.protocol.Ping;
import dev.iii.protocol.Pong;
import dev.iii.protocol.MessageCodec;
import dev.iii.protocol.WorkerRegistered;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * A frame-level stand-in for the engine, for tests: a WebSocket endpoint on a random loopback port that
 * greets each connection with {@code workerregistered}, records every frame the worker sends and lets the
 * test answer, misbehave or drop the socket.
 */
final class TestEngine implements AutoCloseable {

    private static final MessageCodec CODEC = new MessageCodec();

    /** Held so the level sticks: Tomcat logs its start and stop through java.util.logging at INFO. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    static {
        TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final Tomcat tomcat = new Tomcat();
    private final BlockingQueue<WorkerSide> connections = new LinkedBlockingQueue<>();
    private final List<WorkerSide> all = new CopyOnWriteArrayList<>();
    private volatile boolean greet = true;
    private volatile boolean answerHandshake = true;
    private volatile boolean answerLists = true;
    private volatile Map<String, List<String>> handshakeHeaders = Map.of();
    private volatile String handshakeQuery;
    private final int port;

    private final String scheme;

    private TestEngine(java.nio.file.Path keystore) throws IOException, LifecycleException {
        tomcat.setBaseDir(Files.createTempDirectory("iii-test-engine").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        scheme = keystore == null ? "ws" : "wss";
        if (keystore != null) {
            connector.setSecure(true);
            connector.setScheme("https");
            connector.setProperty("SSLEnabled", "true");
            org.apache.tomcat.util.net.SSLHostConfig ssl = new org.apache.tomcat.util.net.SSLHostConfig();
            org.apache.tomcat.util.net.SSLHostConfigCertificate certificate =
                    new org.apache.tomcat.util.net.SSLHostConfigCertificate(ssl,
                            org.apache.tomcat.util.net.SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystoreFile(keystore.toString());
            certificate.setCertificateKeystorePassword(TestCertificates.PASSWORD);
            certificate.setCertificateKeystoreType("PKCS12");
            ssl.addCertificate(certificate);
            connector.addSslHostConfig(ssl);
        }
        tomcat.getService().addConnector(connector);
        Context context = tomcat.addContext("", null);
        if (context instanceof org.apache.catalina.core.StandardContext standard) {
            // Leak detection needs JVM flags we do not set; without them it only prints warnings.
            standard.setClearReferencesRmiTargets(false);
            standard.setClearReferencesThreadLocals(false);
        }
        // Tomcat only runs its WebSocket filter for requests that map to some servlet.
        Tomcat.addServlet(context, "default", new org.apache.catalina.servlets.DefaultServlet()).addMapping("/");
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(WorkerEndpoint.class, "/")
                        .configurator(new ServerEndpointConfig.Configurator() {
                            @Override
                            public void modifyHandshake(ServerEndpointConfig config,
                                    jakarta.websocket.server.HandshakeRequest request,
                                    jakarta.websocket.HandshakeResponse response) {
                                Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                                headers.putAll(request.getHeaders());
                                handshakeHeaders = headers;
                                handshakeQuery = request.getQueryString();
                            }

                            @Override
                            @SuppressWarnings("unchecked")
                            public <T> T getEndpointInstance(Class<T> endpointClass) {
                                return (T) new WorkerEndpoint(TestEngine.this);
                            }
                        }).build());
            }
            catch (jakarta.websocket.DeploymentException ex) {
                throw new IllegalStateException(ex);
            }
        }, null);
        tomcat.start();
        port = connector.getLocalPort();
    }

    static TestEngine start() throws Exception {
        return new TestEngine(null);
    }

    /** An engine behind TLS with the certificate in {@code keystore} (PKCS12). */
    static TestEngine startTls(java.nio.file.Path keystore) throws Exception {
        return new TestEngine(keystore);
    }

    String url() {
        return scheme + "://127.0.0.1:" + port;
    }

    /** Whether new connections get {@code workerregistered} (as the real engine always does). */
    void greetConnections(boolean greet) {
        this.greet = greet;
    }

    /**
     * Answers what the real engine always answers, so tests need not: the metadata call with
     * {@code {"success":true}}, and JSON pings with pongs. The frames are still recorded.
     */
    private void answerAsTheEngineDoes(WorkerSide side, Message message) {
        if (!answerHandshake) {
            return;
        }
        if (message instanceof Ping) {
            side.send(new Pong());
        }
        else if (message instanceof InvokeFunction call && call.functionId().equals("engine::workers::register")
                && call.invocationId() != null) {
            side.workerName = call.data().tree().path("name").asString(null);
            side.send(InvocationResult.success(call.invocationId(), call.functionId(),
                    RawJson.of(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("success", true))));
        }
        else if (answerLists && message instanceof InvokeFunction call && call.invocationId() != null
                && (call.functionId().equals("engine::functions::list") || call.functionId().equals("engine::triggers::list"))) {
            // What the worker's registration check asks after connecting: this connection's own registrations.
            side.send(InvocationResult.success(call.invocationId(), call.functionId(), RawJson.of(
                    call.functionId().equals("engine::functions::list") ? side.functionsList() : side.triggersList())));
        }
    }

    /** Whether to answer metadata calls and JSON pings by itself (on by default). */
    void answerHandshake(boolean answer) {
        this.answerHandshake = answer;
    }

    /** Whether to answer {@code engine::functions::list} and {@code engine::triggers::list} by itself (on by default). */
    void answerLists(boolean answer) {
        this.answerLists = answer;
    }

    /** The HTTP headers of the last WebSocket handshake (names case-insensitive). */
    Map<String, List<String>> handshakeHeaders() {
        return handshakeHeaders;
    }

    /** The query string of the last WebSocket handshake, or {@code null}. */
    String handshakeQuery() {
        return handshakeQuery;
    }

    /** The next connection a worker opens. */
    WorkerSide nextConnection() throws InterruptedException {
        WorkerSide side = connections.poll(20, TimeUnit.SECONDS);
        if (side == null) {
            throw new AssertionError("no worker connected within 20 s");
        }
        return side;
    }

    List<WorkerSide> connections() {
        return all;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
        // Tests keep engines in fields after closing them; the frames they recorded can be large.
        for (WorkerSide side : all) {
            side.forget();
        }
    }

    /** The engine's end of one worker connection. */
    static final class WorkerSide {
        final String workerId = UUID.randomUUID().toString();
        final String reattachToken = UUID.randomUUID().toString();
        final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        final List<Message> received = new CopyOnWriteArrayList<>();
        final List<String> rawFrames = new CopyOnWriteArrayList<>();
        volatile CloseReason closeReason;
        private final Session session;

        WorkerSide(Session session) {
            this.session = session;
        }

        /** The next frame, which must be of {@code type}. */
        <T extends Message> T next(Class<T> type) throws InterruptedException {
            Message message = inbox.poll(20, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no frame within 20 s; expected " + type.getSimpleName());
            }
            if (!type.isInstance(message)) {
                throw new AssertionError("expected " + type.getSimpleName() + " but got " + message);
            }
            return type.cast(message);
        }

        /** Skips frames until one of {@code type} matches. */
        <T extends Message> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                Message message = inbox.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError("no matching " + type.getSimpleName() + " within 20 s; got " + received);
                }
                if (type.isInstance(message) && match.test(type.cast(message))) {
                    return type.cast(message);
                }
            }
        }

        /** The first frame received so far, or arriving within 20 s, that matches; frames are not consumed. */
        <T extends Message> T find(Class<T> type, Predicate<T> match) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (Message message : received) {
                    if (type.isInstance(message) && match.test(type.cast(message))) {
                        return type.cast(message);
                    }
                }
                synchronized (received) {
                    try {
                        received.wait(50);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(ex);
                    }
                }
            }
            throw new AssertionError("no matching " + type.getSimpleName() + " within 20 s; got " + received);
        }

        <T extends Message> T await(Class<T> type) throws InterruptedException {
            return await(type, message -> true);
        }

        /** Frames received so far, of one type. */
        volatile String workerName;

        /** {@code engine::functions::list} as an engine with only this connection's functions answers it. */
        tools.jackson.databind.node.ObjectNode functionsList() {
            java.util.Set<String> live = new java.util.LinkedHashSet<>();
            for (Message message : received) {
                if (message instanceof dev.iii.protocol.RegisterFunction function) {
                    live.add(function.id());
                }
                else if (message instanceof dev.iii.protocol.UnregisterFunction function) {
                    live.remove(function.id());
                }
            }
            tools.jackson.databind.node.ObjectNode list = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            tools.jackson.databind.node.ArrayNode functions = list.putArray("functions");
            live.forEach(id -> functions.addObject().put("function_id", id).put("namespace", "default")
                    .put("worker_name", workerName));
            return list;
        }

        /** {@code engine::triggers::list}: the built-in types and those this connection provides. */
        tools.jackson.databind.node.ObjectNode triggersList() {
            tools.jackson.databind.node.ObjectNode list = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            tools.jackson.databind.node.ArrayNode types = list.putArray("triggers");
            types.addObject().put("id", "http").put("namespace", "default").put("worker_name", "http");
            types.addObject().put("id", "cron").put("namespace", "default").put("worker_name", "cron");
            for (Message message : received) {
                if (message instanceof dev.iii.protocol.RegisterTriggerType type) {
                    types.addObject().put("id", type.id()).put("namespace", "default").put("worker_name", workerName);
                }
            }
            return list;
        }

        void forget() {
            inbox.clear();
            received.clear();
            rawFrames.clear();
        }

        <T extends Message> List<T> receivedOf(Class<T> type) {
            List<T> matching = new ArrayList<>();
            for (Message message : received) {
                if (type.isInstance(message)) {
                    matching.add(type.cast(message));
                }
            }
            return matching;
        }

        void send(Message message) {
            sendRaw(CODEC.encodeToString(message));
        }

        /** Sends an invocation of {@code functionId} with {@code data}, as the engine would, and returns it. */
        InvokeFunction invoke(String functionId, RawJson data) {
            InvokeFunction frame = InvokeFunction.call(UUID.randomUUID(), functionId, data, null, null, null, null,
                    null);
            send(frame);
            return frame;
        }

        /** The worker's one answer to {@code invocation}, as {@link #find} waits for it. */
        InvocationResult answerTo(InvokeFunction invocation) {
            return find(InvocationResult.class, result -> result.invocationId().equals(invocation.invocationId()));
        }

        void sendRaw(String text) {
            try {
                synchronized (session) {
                    session.getBasicRemote().sendText(text);
                }
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        /** Closes the socket from the engine's side with {@code code}. */
        void close(int code) throws IOException {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), "closed by the test"));
        }

        /** Closes the socket from the engine's side, as an engine restart would. */
        void drop() throws IOException {
            session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "engine going away"));
        }

        boolean isOpen() {
            return session.isOpen();
        }
    }

    /** The server endpoint; one instance per connection. */
    public static final class WorkerEndpoint extends Endpoint {
        private final TestEngine engine;
        private WorkerSide side;

        WorkerEndpoint(TestEngine engine) {
            this.engine = engine;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            side = new WorkerSide(session);
            // Parts, joined here: a whole-message handler would make Tomcat allocate its buffer at the largest size
            // a test sends (and hold it for as long as the session lives).
            StringBuilder parts = new StringBuilder();
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
                parts.append(part);
                if (!last) {
                    return;
                }
                String text = parts.toString();
                parts.setLength(0);
                parts.trimToSize();
                side.rawFrames.add(text);
                Message message = CODEC.decode(text);
                side.received.add(message);
                side.inbox.add(message);
                engine.answerAsTheEngineDoes(side, message);
                synchronized (side.received) {
                    side.received.notifyAll();
                }
            });
            if (engine.greet) {
                side.send(new WorkerRegistered(side.workerId, side.reattachToken));
            }
            engine.all.add(side);
            engine.connections.add(side);
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            side.closeReason = closeReason;
        }
    }
}
