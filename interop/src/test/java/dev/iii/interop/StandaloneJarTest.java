package dev.iii.interop;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code standalone} jar as a process, with a Node SDK call through it. Runs when the engine
 * module was packaged earlier in the same build (a full {@code ./mvnw verify}); skipped otherwise.
 */
class StandaloneJarTest {

    @Test
    void standaloneJarServesTheNodeSdk() {
        NodeWorker.interopDir();
        try (EngineProcess engine = EngineProcess.start(0, 0)) {
            assertThat(engine.url()).startsWith("ws://");
            try (NodeWorker caller = NodeWorker.start("node-caller.mjs", engine.url(),
                    Map.of("FUNCTION_ID", "engine::functions::list", "PAYLOAD", "{\"include_internal\":true}"))) {
                assertThat(caller.awaitLine("RESULT")).contains("engine::workers::list");
                assertThat(caller.awaitExit()).isZero();
            }
        }
    }
}
