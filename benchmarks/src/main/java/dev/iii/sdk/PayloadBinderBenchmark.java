package dev.iii.sdk;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK's payload binder ({@code PayloadBinder}, package-private, hence this package) binding an order
 * payload tree to a record, as a typed handler gets it: without and with the {@code _caller_worker_id}
 * member the engine adds to the payloads of worker calls.
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

    @Param({ "false", "true" })
    public boolean callerWorkerId;

    private final PayloadBinder binder = new PayloadBinder(JsonMapper.builder().build());
    private JavaType type;
    private JsonNode payload;

    @Setup
    public void load() {
        type = binder.type(CreateOrder.class);
        String caller = callerWorkerId ? ",\"_caller_worker_id\":\"3f1d9a52-0d8e-4bd2-9f7c-2a6ad4f0c2b1\"" : "";
        payload = JsonMapper.builder().build().readTree("{\"customer\":\"ada\",\"lines\":[{\"sku\":\"A1\",\"quantity\":2},"
                + "{\"sku\":\"B7\",\"quantity\":1}]" + caller + "}");
    }

    @Benchmark
    public CreateOrder bind() {
        return binder.bindPayload(payload, type, "orders::create");
    }
}
