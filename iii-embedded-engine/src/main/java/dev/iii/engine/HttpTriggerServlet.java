package dev.iii.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import dev.iii.protocol.RawJson;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the {@code http} trigger routes (wire specification §6.1) as the {@code http} provider worker of engines
 * 0.23 and later does where a worker can tell: builds the request object, with a {@code request_body} channel
 * carrying the raw body and a {@code response} channel the handler may stream into, calls the bound function as
 * that worker (so an object payload carries its {@code _caller_worker_id}), and answers through an
 * {@link HttpExchange}; a path with routes for other methods only answers 405 with {@code Allow}. Requests wait
 * asynchronously, so no container thread is held while a worker works.
 */
final class HttpTriggerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(HttpTriggerServlet.class);
    /** The real engine gives both channels of an exchange 64 messages. */
    private static final int HTTP_CHANNEL_CAPACITY = 64;

    private final transient HttpTriggerProvider routes;
    private final transient InvocationRouter invocations;
    private final transient Caller httpWorker;
    private final transient ChannelRegistry channels;
    private final transient Executor executor;
    private final transient ScheduledExecutorService timer;
    private final long timeoutMs;

    HttpTriggerServlet(HttpTriggerProvider routes, InvocationRouter invocations, Caller httpWorker,
            ChannelRegistry channels, Executor executor, ScheduledExecutorService timer, long timeoutMs) {
        this.routes = routes;
        this.invocations = invocations;
        this.httpWorker = httpWorker;
        this.channels = channels;
        this.executor = executor;
        this.timer = timer;
        this.timeoutMs = timeoutMs;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        HttpTriggerProvider.RouteMatch match = routes.find(method, request.getRequestURI());
        if (match == null) {
            List<String> allowed = routes.allowedMethods(request.getRequestURI());
            log.debug("no route for {} {} (allowed: {})", method, request.getRequestURI(), allowed);
            if (allowed.isEmpty()) {
                HttpResponseEnvelope.writeJson(response, 404, errorBody("NOT_FOUND", "Not Found", null));
            }
            else {
                response.setHeader("Allow", String.join(", ", allowed));
                HttpResponseEnvelope.writeJson(response, 405,
                        errorBody("METHOD_NOT_ALLOWED", "Method Not Allowed", null));
            }
            return;
        }
        // As the real engine: a channel the handler reads the raw body from, one it may stream the response into.
        EngineChannel requestChannel = channels.create(HTTP_CHANNEL_CAPACITY);
        EngineChannel responseChannel = channels.create(HTTP_CHANNEL_CAPACITY);
        requestChannel.claim(EngineChannel.Direction.WRITE);
        responseChannel.claim(EngineChannel.Direction.READ);
        ObjectNode payload = requestObject(request, method, match);
        RequestBodyPump pump = null;
        if (isJson(request)) {
            byte[] bytes;
            try (InputStream in = request.getInputStream()) {
                bytes = in.readAllBytes();
            }
            payload.set("body", parseJson(bytes));
            if (bytes.length > 0) {
                requestChannel.offer(new EngineChannel.Item(false, bytes));
            }
            requestChannel.writerFinished(true);
        }
        else {
            payload.set("body", NullNode.getInstance());
            pump = new RequestBodyPump(request.getInputStream(), requestChannel);
        }
        payload.set("request_body", ChannelFunctions.ref(requestChannel, "read"));
        payload.set("response", ChannelFunctions.ref(responseChannel, "write"));
        AsyncContext async = request.startAsync();
        // The exchange keeps its own deadline: the container's would also cut a response that is streaming.
        async.setTimeout(0);
        HttpExchange exchange = new HttpExchange(async, requestChannel, responseChannel, pump, channels, executor,
                timer, timeoutMs);
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
                exchange.failed();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        exchange.start();
        if (pump != null) {
            pump.start(executor);
        }
        responseChannel.attach(exchange);
        HttpRoute route = match.route();
        invocations.invoke(httpWorker, route.namespace(), route.functionId(), RawJson.of(payload),
                route.metadata(), null, null, null).thenAccept(exchange::answered);
    }

    private static ObjectNode requestObject(HttpServletRequest request, String method,
            HttpTriggerProvider.RouteMatch match) throws IOException {
        ObjectNode payload = EngineJson.object();
        ObjectNode query = payload.putObject("query_params");
        for (Map.Entry<String, String> param : queryParams(request.getQueryString()).entrySet()) {
            query.put(param.getKey(), param.getValue());
        }
        ObjectNode pathParams = payload.putObject("path_params");
        match.pathParams().forEach(pathParams::put);
        ObjectNode headers = payload.putObject("headers");
        for (String name : Collections.list(request.getHeaderNames())) {
            Enumeration<String> values = request.getHeaders(name);
            String last = null;
            while (values.hasMoreElements()) {
                last = values.nextElement();
            }
            headers.put(name.toLowerCase(Locale.ROOT), last != null ? last : "");
        }
        String apiPath = match.route().apiPath();
        payload.put("path", apiPath);
        payload.put("method", method);
        payload.putObject("trigger").put("type", "http").put("path", apiPath).put("method", method);
        return payload;
    }

    private static boolean isJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("application/json");
    }

    /** The body as JSON; {@code null} when empty or not JSON. */
    private static JsonNode parseJson(byte[] bytes) {
        if (bytes.length == 0) {
            return NullNode.getInstance();
        }
        try {
            JsonNode parsed = EngineJson.MAPPER.readTree(bytes);
            return parsed != null ? parsed : NullNode.getInstance();
        }
        catch (JacksonException ex) {
            return NullNode.getInstance();
        }
    }

    private static Map<String, String> queryParams(String queryString) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return params;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Correlates a 500 with the engine log: low 48 bits of the epoch nanoseconds, in hex, as the real engine. */
    static String errorId() {
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return Long.toHexString(nanos & 0xFFFFFFFFFFFFL);
    }

    static ObjectNode errorBody(String code, String message, String errorId) {
        ObjectNode body = EngineJson.object();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        if (errorId != null) {
            error.put("error_id", errorId);
        }
        return body;
    }
}
