package dev.iii.bench.jmh;

import java.util.concurrent.TimeUnit;
import java.nio.charset.StandardCharsets;

import dev.iii.protocol.Message;
import dev.iii.protocol.MessageCodec;
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

/**
 * The protocol codec on recorded frames: decoding a frame's bytes as they come off the socket, and encoding the
 * decoded message into the bytes the writer sends. The
 * frames are what a worker receives ({@code engine->sdk:invokefunction}) and sends
 * ({@code sdk->engine:invocationresult}), what a caller sends and receives, and a registration with schemas.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MessageCodecBenchmark {

    @Param({ "engine->sdk:invokefunction", "sdk->engine:invocationresult", "sdk->engine:invokefunction",
            "engine->sdk:invocationresult", "sdk->engine:registerfunction" })
    public String frame;

    private final MessageCodec codec = new MessageCodec();
    private byte[] bytes;
    private Message message;

    @Setup
    public void load() {
        bytes = RecordedFrames.text(frame).getBytes(StandardCharsets.UTF_8);
        message = codec.decode(bytes);
    }

    @Benchmark
    public Message decode() {
        return codec.decode(bytes);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(message);
    }
}
