package dev.iii.engine;

import java.time.Duration;

import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DiscoveryTriggersTest {

    private EmbeddedEngine engine;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void workersAvailableReportsConnectMetadataAndDisconnect() {
        try (TestWorker watcher = TestWorker.registered(engine, "watcher")) {
            watcher.registerFunction("watcher::on-workers");
            watcher.send(new RegisterTrigger("w-1", DiscoveryTriggers.WORKERS_AVAILABLE, "watcher::on-workers", object(),
                    object().put("source", "test"), null, null));
            await().atMost(TestWorker.WAIT).until(() -> watcher.callOk("engine::registered-triggers::list",
                    object()).get("registered_triggers").size() == 1);

            TestWorker other = TestWorker.registered(engine, "other");
            String otherId = other.workerId;
            other.close();

            for (String event : new String[] {"worker_connected", "worker_metadata_updated", "worker_disconnected"}) {
                InvokeFunction fired = watcher.await(InvokeFunction.class,
                        c -> c.functionId().equals("watcher::on-workers") && event.equals(c.data().tree().path("event").asString(""))
                                && otherId.equals(c.data().tree().path("worker_id").asString("")));
                assertThat(fired.invocationId()).isNotNull();
                assertThat(fired.callerWorkerId()).isNull();
                assertThat(fired.metadata().get("source").asString()).isEqualTo("test");
                watcher.reply(fired, null);
            }
        }
    }

    @Test
    void functionsAvailableFiresWithTheFullListOnlyOnChange() {
        try (TestWorker watcher = TestWorker.registered(engine, "fwatcher")) {
            watcher.registerFunction("fwatcher::on-functions");
            watcher.send(new RegisterTrigger("f-1", DiscoveryTriggers.FUNCTIONS_AVAILABLE, "fwatcher::on-functions",
                    object(), null, null, null));
            // registering the handler itself is a change
            InvokeFunction first = watcher.await(InvokeFunction.class, c -> c.functionId().equals("fwatcher::on-functions"));
            assertThat(first.data().tree().get("event").asString()).isEqualTo("functions_changed");
            assertThat(first.data().tree().get("functions").findValuesAsString("function_id"))
                    .contains("fwatcher::on-functions", "engine::workers::list");
            watcher.reply(first, null);

            watcher.registerFunction("fwatcher::new-one");
            InvokeFunction second = watcher.await(InvokeFunction.class, c -> c.functionId().equals("fwatcher::on-functions")
                    && c.data().tree().get("functions").findValuesAsString("function_id").contains("fwatcher::new-one"));
            watcher.reply(second, null);
            // nothing changes any more: over several poll intervals no further event arrives
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> watcher
                    .receivedOf(InvokeFunction.class).stream()
                    .filter(c -> c.functionId().equals("fwatcher::on-functions")).count() == 2);
        }
    }
}
