package dev.iii.sdk.channel;

import java.util.concurrent.CompletableFuture;

/**
 * A worker's data channels ({@code worker.channels()}): creates channels, and opens the refs the worker receives
 * some other way than in a handler's bound payload (where a {@link ChannelReader} or {@link ChannelWriter}
 * parameter or record component gets its end by itself).
 */
public interface WorkerChannels extends ChannelOpener {

    /**
     * Creates a data channel ({@code engine::channels::create}) with the engine's default buffer of 64 messages:
     * a writer and a reader, neither opened yet. Keep one end and pass the other (or its ref) to another worker
     * inside a payload; each end opens on first use.
     */
    CompletableFuture<Channel> create();

    /**
     * Creates a data channel whose engine buffer holds {@code bufferSize} messages (the engine allows at most
     * 1024); a full buffer holds the writer back until the reader takes something.
     *
     * @throws IllegalArgumentException when {@code bufferSize} is less than 1
     */
    CompletableFuture<Channel> create(int bufferSize);
}
