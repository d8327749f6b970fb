package dev.iii.sdk.internal.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import dev.iii.protocol.RawJson;
import dev.iii.sdk.CallOptions;
import dev.iii.sdk.ErrorCode;
import dev.iii.sdk.InvocationException;
import dev.iii.sdk.channel.Channel;
import dev.iii.sdk.channel.ChannelDirection;
import dev.iii.sdk.channel.ChannelException;
import dev.iii.sdk.channel.ChannelOpener;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;
import dev.iii.sdk.channel.WorkerChannels;
import dev.iii.sdk.internal.calls.OutboundCalls;
import dev.iii.sdk.internal.session.Redaction;
import dev.iii.sdk.internal.transport.WebSocketConnector;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worker's data channels (wire specification §10): creates channels ({@code engine::channels::create}),
 * makes ends from refs, and keeps the ends that are open, each until it is done, so that one ref is not opened
 * twice by this worker and so that shutdown can end what is still open. Ends open their own sockets through the
 * worker's connector.
 */
public final class ChannelEnds implements WorkerChannels {

    private static final JsonMapper ENGINE_SHAPES = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final OutboundCalls calls;
    private final ChannelSockets sockets;
    private final Executor io;
    private final Executor deliveries;
    private final int maxMessageBytes;
    /** The ends in use, each removed by itself when it is done. */
    private final Map<ChannelRef, OpenEnd> open = new ConcurrentHashMap<>();

    /**
     * @param deliveries where a reader's publisher signals its subscriber (the handler executor)
     * @param maxMessageBytes the largest text message a reader accepts
     */
    public ChannelEnds(WebSocketConnector connector, Redaction redaction, OutboundCalls calls, Executor deliveries,
            int maxMessageBytes) {
        this.calls = calls;
        this.sockets = new ChannelSockets(connector, redaction);
        this.io = connector.io();
        this.deliveries = deliveries;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public CompletableFuture<Channel> create() {
        return create(null);
    }

    @Override
    public CompletableFuture<Channel> create(int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be at least 1, was " + bufferSize);
        }
        return create(Integer.valueOf(bufferSize));
    }

    /** A channel of {@code bufferSize} messages, the engine's default (64) when {@code null}. */
    private CompletableFuture<Channel> create(Integer bufferSize) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        if (bufferSize != null) {
            input.put("buffer_size", bufferSize);
        }
        return calls.request("engine::channels::create", input, CallOptions.defaults(), null, this::channel);
    }

    private Channel channel(RawJson result) {
        try {
            JsonNode refs = result == null ? null : result.tree();
            ChannelRef writerRef = ENGINE_SHAPES.treeToValue(refs.get("writer"), ChannelRef.class);
            ChannelRef readerRef = ENGINE_SHAPES.treeToValue(refs.get("reader"), ChannelRef.class);
            return new Channel(writer(writerRef), reader(readerRef));
        }
        catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
            throw new InvocationException(ErrorCode.INVALID_RESPONSE, "engine::channels::create answered without "
                    + "a writer and a reader ref", "engine::channels::create", null, null);
        }
    }

    @Override
    public ChannelReader reader(ChannelRef ref) {
        require(ref, ChannelDirection.READ);
        return new ReadEnd(ref, this, io, deliveries, maxMessageBytes);
    }

    @Override
    public ChannelWriter writer(ChannelRef ref) {
        require(ref, ChannelDirection.WRITE);
        return new WriteEnd(ref, this);
    }

    /** An opener for one invocation: the same ref gives the same end within it. */
    public ChannelOpener forInvocation() {
        return new InvocationChannels(this);
    }

    /** Ends in use now. */
    public int openEnds() {
        return open.size();
    }

    /** Ends every end still open: the worker is shutting down. */
    public void abortAll() {
        for (OpenEnd end : List.copyOf(open.values())) {
            end.abort();
        }
    }

    // ---------------------------------------------------------------- for the ends

    ChannelSockets sockets() {
        return sockets;
    }

    Executor io() {
        return io;
    }

    /** An end starts opening; a second end of the same ref in this worker is refused. */
    void opening(OpenEnd end) throws ChannelException {
        OpenEnd other = open.putIfAbsent(end.ref(), end);
        if (other != null && other != end) {
            String id = end.ref().channelId();
            throw new ChannelException(id, "The " + end.ref().direction().wireName() + " end of channel " + id
                    + " is open in this worker already");
        }
    }

    /** An end is done. */
    void forget(OpenEnd end) {
        open.remove(end.ref(), end);
    }

    private static void require(ChannelRef ref, ChannelDirection direction) {
        if (ref == null) {
            throw new IllegalArgumentException("ref must not be null");
        }
        if (ref.direction() != direction) {
            throw new IllegalArgumentException("the ref of channel " + ref.channelId() + " opens its "
                    + ref.direction().wireName() + " end, not its " + direction.wireName() + " end");
        }
    }
}
