package dev.iii.bench.party;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.channel.Channel;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One end of an {@code iii-sdk} data channel for the channel throughput measurement. {@code create} creates a
 * channel and replies with its writer's ref (the reader stays here); {@code receive} reads that reader to the
 * end; {@code write SIZE REF} opens the writer named by the ref (JSON) and writes {@code SIZE} bytes. Each of the
 * last two replies with the bytes moved, the nanoseconds it took (the reader counts from its first byte) and the
 * heap: used after a collection before, and the most the heap held after any collection while the stream ran
 * (sampled every 20 ms), so that garbage not yet collected does not count.
 * <p>
 * {@code java -Xmx64m ... SdkChannelParty ENGINE_URL WORKER_NAME}
 */
public final class SdkChannelParty {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WRITE_BUFFER = 256 * 1024;

    private final IIIWorker worker;
    private Channel channel;

    private SdkChannelParty(IIIWorker worker) {
        this.worker = worker;
    }

    public static void main(String[] args) throws Exception {
        IIIWorker worker = SdkParticipant.connect(args[0], args[1]);
        SdkChannelParty party = new SdkChannelParty(worker);
        ControlChannel.reply("ready", Map.of());
        new ControlChannel().on("create", a -> party.create())
                .on("receive", a -> party.receive())
                .on("write", a -> party.write(Long.parseLong(a[0]), JSON.readValue(a[1], ChannelRef.class)))
                .serve(() -> worker.shutdown(Duration.ofSeconds(5)));
    }

    private Map<String, Object> create() throws Exception {
        channel = worker.channels().create().get(30, TimeUnit.SECONDS);
        return Map.of("writer", channel.writerRef());
    }

    private Map<String, Object> receive() throws Exception {
        try (HeapWatch heap = new HeapWatch(); InputStream in = channel.reader()) {
            byte[] buffer = new byte[WRITE_BUFFER];
            int read = in.read(buffer);
            long started = System.nanoTime();
            long bytes = Math.max(read, 0);
            while ((read = in.read(buffer)) > 0) {
                bytes += read;
            }
            return heap.figures(bytes, System.nanoTime() - started);
        }
    }

    private Map<String, Object> write(long size, ChannelRef ref) throws Exception {
        try (HeapWatch heap = new HeapWatch()) {
            byte[] buffer = new byte[WRITE_BUFFER];
            long started = System.nanoTime();
            try (ChannelWriter out = worker.channels().writer(ref)) {
                for (long sent = 0; sent < size; sent += buffer.length) {
                    out.write(buffer, 0, (int) Math.min(buffer.length, size - sent));
                }
            }
            return heap.figures(size, System.nanoTime() - started);
        }
    }

    /** The heap after collections while a stream runs. */
    private static final class HeapWatch implements AutoCloseable {

        private final long baseline = afterCollection();
        private final AtomicLong peak = new AtomicLong();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heap-watch");
            thread.setDaemon(true);
            return thread;
        });

        HeapWatch() {
            sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(collectionUsage(), Math::max), 0, 20,
                    TimeUnit.MILLISECONDS);
        }

        Map<String, Object> figures(long bytes, long nanos) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("bytes", bytes);
            figures.put("elapsed_ns", nanos);
            figures.put("heap_before", baseline);
            figures.put("heap_peak_after_gc", Math.max(peak.get(), collectionUsage()));
            figures.put("heap_max", Runtime.getRuntime().maxMemory());
            return figures;
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }

        private static long afterCollection() {
            System.gc();
            System.gc();
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            return heap.getUsed();
        }

        /** What the heap pools held after their latest collection. */
        private static long collectionUsage() {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage usage = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
                if (usage != null) {
                    used += usage.getUsed();
                }
            }
            return used;
        }
    }
}
