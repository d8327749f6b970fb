package dev.iii.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One data channel (wire specification §10): a bounded queue of the messages its writer sent, in order, until
 * its reader takes them. Each end is opened once ({@link #claim}); an end is a socket of a worker or the engine
 * itself (the {@code http} request body it writes, the response it reads). A writer that fills the queue is held
 * back: its socket stops being read until the reader takes a message, as the real engine's bounded channel makes
 * its writer wait.
 * <p>
 * State changes are guarded by this channel's monitor; the ends are told of them ({@link Reader#changed},
 * {@link Writer#changed}) by the thread that made them, after the monitor is released.
 */
final class EngineChannel {

    /** Which end. */
    enum Direction { READ, WRITE }

    /**
     * One message of the channel.
     *
     * @param text  whether it is a text message (else bytes)
     * @param bytes its payload; UTF-8 for text
     */
    record Item(boolean text, byte[] bytes) {

        static Item text(String value) {
            return new Item(true, value.getBytes(StandardCharsets.UTF_8));
        }

        String asText() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** How the stream ended, as its reader sees it. */
    enum Ending {
        /** The writer closed its end normally. */
        CLOSED,
        /** The writer went away without closing (its socket failed or closed abnormally). */
        WRITER_GONE,
        /** The channel was swept or dropped before its writer came. */
        EXPIRED
    }

    /** The reader's end: told when messages arrive or the stream ends. */
    interface Reader {
        void changed();
    }

    /** The writer's end: told when the queue has room again or the reader went away. */
    interface Writer {
        void changed();
    }

    final String id;
    final String accessKey;
    final int capacity;
    final long createdAtNanos = System.nanoTime();
    private final Runnable onFinished;

    // guarded by this
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private boolean writerClaimed;
    private boolean readerClaimed;
    private Reader reader;
    private Writer writer;
    private Ending ending;
    private boolean readerGone;
    private boolean finished;

    /** @param onFinished runs once, when neither end can do anything more (the registry forgets the channel) */
    EngineChannel(String id, String accessKey, int capacity, Runnable onFinished) {
        this.id = id;
        this.accessKey = accessKey;
        this.capacity = capacity;
        this.onFinished = onFinished;
    }

    /** Opens an end; {@code false} when it was opened before (each end opens once). */
    synchronized boolean claim(Direction direction) {
        if (direction == Direction.READ) {
            if (readerClaimed) {
                return false;
            }
            readerClaimed = true;
        }
        else {
            if (writerClaimed) {
                return false;
            }
            writerClaimed = true;
        }
        return true;
    }

    /** Whether an end was never opened: such a channel is swept once it is old enough. */
    synchronized boolean waitsForAnEnd() {
        return !readerClaimed || !writerClaimed;
    }

    void attach(Reader end) {
        synchronized (this) {
            reader = end;
        }
        end.changed();
    }

    void attach(Writer end) {
        synchronized (this) {
            writer = end;
        }
        end.changed();
    }

    // ---- the writer's side

    /**
     * Adds a message from a socket, which cannot wait: it is taken even when the queue is full, and the socket is
     * then held back ({@link #isFull()}).
     *
     * @return {@code false} when the reader is gone (or the writer's end is over) and the message was dropped
     */
    boolean offer(Item item) {
        Reader toTell;
        synchronized (this) {
            if (readerGone || ending != null) {
                return false;
            }
            items.add(item);
            toTell = reader;
        }
        if (toTell != null) {
            toTell.changed();
        }
        return true;
    }

    /**
     * Adds a message from the engine's own writer, waiting while the queue is full (an engine thread, never a
     * socket's).
     *
     * @return {@code false} when the reader is gone, or the writer's end was ended for it ({@link #writerFinished}
     *         while it waited: an {@code http} exchange that is over), and the message was dropped
     */
    boolean put(Item item) throws InterruptedException {
        synchronized (this) {
            while (items.size() >= capacity && !readerGone && ending == null) {
                wait();
            }
        }
        return offer(item);
    }

    /** The writer is done; {@code clean} when it closed its end normally. Later calls are ignored. */
    void writerFinished(boolean clean) {
        end(clean ? Ending.CLOSED : Ending.WRITER_GONE);
    }

    /**
     * Gives up the ends nobody opened, and no one can open them from now on: without a writer the stream ends
     * ({@link Ending#EXPIRED}); without a reader the writer is told the reader is gone. Ends that are open go
     * on. Used by the sweep and when an {@code http} exchange is over.
     */
    void expire() {
        boolean noWriter;
        boolean noReader;
        synchronized (this) {
            noWriter = !writerClaimed;
            noReader = !readerClaimed;
            writerClaimed = true;
            readerClaimed = true;
        }
        if (noWriter) {
            end(Ending.EXPIRED);
        }
        if (noReader) {
            readerFinished();
        }
    }

    private void end(Ending how) {
        Reader toTell;
        synchronized (this) {
            if (ending != null) {
                return;
            }
            ending = how;
            toTell = reader;
            notifyAll();
        }
        if (toTell != null) {
            toTell.changed();
        }
        finishIfDone();
    }

    /** Whether a writer socket must be held back: the queue is full and someone still reads it. */
    synchronized boolean isFull() {
        return items.size() >= capacity && !readerGone;
    }

    synchronized boolean isReaderGone() {
        return readerGone;
    }

    // ---- the reader's side

    /** The next message, or {@code null} when none waits. */
    Item poll() {
        Item item;
        Writer toTell;
        synchronized (this) {
            boolean wasFull = items.size() >= capacity;
            item = items.poll();
            if (item == null) {
                return null;
            }
            notifyAll();
            toTell = wasFull && items.size() < capacity ? writer : null;
        }
        if (toTell != null) {
            toTell.changed();
        }
        return item;
    }

    /** How the stream ended, once the writer is done and every message was taken; else {@code null}. */
    synchronized Ending ending() {
        return items.isEmpty() ? ending : null;
    }

    /**
     * The reader is done, having taken the end of the stream or gone away before: what still waits is dropped,
     * and the writer is told. Later calls are ignored.
     */
    void readerFinished() {
        Writer toTell;
        synchronized (this) {
            if (readerGone) {
                return;
            }
            readerGone = true;
            items.clear();
            toTell = writer;
            notifyAll();
        }
        if (toTell != null) {
            toTell.changed();
        }
        finishIfDone();
    }

    /** Messages waiting for the reader. */
    synchronized int queued() {
        return items.size();
    }

    private void finishIfDone() {
        synchronized (this) {
            if (finished || ending == null || !readerGone) {
                return;
            }
            finished = true;
        }
        onFinished.run();
    }

    @Override
    public String toString() {
        return "channel " + id;
    }
}
