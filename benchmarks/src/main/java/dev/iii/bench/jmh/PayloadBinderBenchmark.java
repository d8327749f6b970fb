package dev.iii.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.iii.protocol.RawJson;
import dev.iii.sdk.channel.ChannelOpener;
import dev.iii.sdk.channel.ChannelReader;
import dev.iii.sdk.channel.ChannelRef;
import dev.iii.sdk.channel.ChannelWriter;
import dev.iii.sdk.internal.binding.PayloadBinder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK's payload binder binding an order payload, as the codec hands it over (the raw bytes of
 * {@code data}), to the record a typed handler takes. The engine's {@code _caller_worker_id} member is gone
 * by then: the codec moves it out of the payload while decoding the frame.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PayloadBinderBenchmark {

    /** The bound type. */
    public record CreateOrder(String customer, List<Line> lines) {
    }

    /** One line of a {@link CreateOrder}. */
    public record Line(String sku, int quantity) {
    }

    private final PayloadBinder binder = new PayloadBinder(JsonMapper.builder().build());
    private ObjectReader reader;
    private RawJson payload;

    @Setup
    public void load() {
        reader = binder.reader(CreateOrder.class);
        payload = RawJson.parse("{\"customer\":\"ada\",\"lines\":[{\"sku\":\"A1\",\"quantity\":2},"
                + "{\"sku\":\"B7\",\"quantity\":1}]}");
    }

    @Benchmark
    public CreateOrder bind() {
        return binder.bindPayload(payload, reader, "orders::create", NO_CHANNELS);
    }

    /** The payload holds no channel refs, so binding it never opens an end. */
    private static final ChannelOpener NO_CHANNELS = new ChannelOpener() {
        @Override
        public ChannelReader reader(ChannelRef ref) {
            throw new IllegalStateException("the benchmark payload holds no channel refs");
        }

        @Override
        public ChannelWriter writer(ChannelRef ref) {
            throw new IllegalStateException("the benchmark payload holds no channel refs");
        }
    };
}
