package dev.iii.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an {@code http} request's raw body into its {@code request_body} channel, on an engine thread, as it
 * arrives (whatever the content type), then closes the channel. A full channel holds the reads back, so a
 * worker that reads slowly slows the upload down; a reader that is gone (or never came, once the exchange is
 * over) stops it, and so does the exchange ending the channel's writer side once its response is done.
 */
final class RequestBodyPump {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyPump.class);
    /** The size of the parts written into the channel, the SDKs' frame size. */
    static final int PART_BYTES = 64 * 1024;

    private final InputStream body;
    private final EngineChannel channel;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    RequestBodyPump(InputStream body, EngineChannel channel) {
        this.body = body;
        this.channel = channel;
    }

    void start(Executor executor) {
        try {
            executor.execute(this::run);
        }
        catch (RejectedExecutionException ex) {
            channel.writerFinished(false);
            done.complete(null);
        }
    }

    /** Runs {@code action} once the body is read to its end, or given up. */
    void whenDone(Runnable action) {
        done.whenComplete((ignored, error) -> action.run());
    }

    private void run() {
        boolean clean = false;
        try {
            byte[] buffer = new byte[PART_BYTES];
            int read;
            while ((read = body.read(buffer)) >= 0) {
                if (read > 0 && !channel.put(new EngineChannel.Item(false, Arrays.copyOf(buffer, read)))) {
                    log.debug("{}: the reader is gone or the exchange is over; the rest of the request body is not read",
                            channel);
                    break;
                }
            }
            clean = true;
        }
        catch (IOException ex) {
            log.debug("{}: reading the request body failed: {}", channel, ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            channel.writerFinished(clean);
            done.complete(null);
        }
    }
}
