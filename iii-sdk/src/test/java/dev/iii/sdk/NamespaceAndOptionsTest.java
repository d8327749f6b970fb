package dev.iii.sdk;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Namespaces (wire specification §11) and how the options are resolved. */
class NamespaceAndOptionsTest {

    private TestEngine engine;
    private IIIWorker worker;

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        if (engine != null) {
            engine.close();
        }
    }

    private TestEngine.WorkerSide connect(WorkerOptions.Builder options) throws Exception {
        engine = TestEngine.start();
        worker = III.registerWorker(options.url(engine.url()).name("ns-worker").build());
        TestEngine.WorkerSide side = engine.nextConnection();
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        return side;
    }

    @Test
    void aNamespacedWorkerDeclaresItAndDefaultsItsCallsAndBindingsToIt() throws Exception {
        TestEngine.WorkerSide side = connect(WorkerOptions.builder().namespace("billing"));
        InvokeFunction metadata = side.find(InvokeFunction.class, c -> c.functionId().equals("engine::workers::register"));
        assertThat(metadata.data().tree().get("namespace").asString()).isEqualTo("billing");
        assertThat(metadata.namespace()).isNull();

        worker.call("orders::x", Map.of());
        worker.call("engine::functions::list", Map.of());
        worker.call("orders::y", Map.of(), CallOptions.defaults().withNamespace("shop"));
        worker.registerTrigger("cron", "billing::run", Map.of("expression", "0 * * * * *"), null);
        assertThat(side.find(InvokeFunction.class, c -> c.functionId().equals("orders::x")).namespace()).isEqualTo("billing");
        assertThat(side.find(InvokeFunction.class, c -> c.functionId().equals("engine::functions::list")).namespace())
                .isEqualTo("default");
        assertThat(side.find(InvokeFunction.class, c -> c.functionId().equals("orders::y")).namespace()).isEqualTo("shop");
        assertThat(side.find(RegisterTrigger.class, t -> true).namespace()).isEqualTo("billing");
    }

    @Test
    void withoutANamespaceNoNamespaceMemberIsEverSent() throws Exception {
        TestEngine.WorkerSide side = connect(WorkerOptions.builder().environment(name -> null));
        worker.call("orders::x", Map.of());
        worker.call("engine::functions::list", Map.of());
        worker.registerTrigger("cron", "ns::run", Map.of("expression", "0 * * * * *"), null);
        side.find(RegisterTrigger.class, t -> true);
        side.find(InvokeFunction.class, c -> c.functionId().equals("engine::functions::list"));
        assertThat(side.rawFrames).noneMatch(raw -> raw.contains("\"namespace\""));
    }

    @Test
    void blankNamespacesAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> WorkerOptions.builder().namespace(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> CallOptions.defaults().withNamespace(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headersTheHandshakeWritesItselfOrThatAreMalformedAreRefusedWhenTheOptionsAreBuilt() {
        for (String name : List.of("Host", "connection", "Upgrade", "Content-Length", "Expect", "Sec-WebSocket-Key",
                "sec-websocket-protocol", "Sec-WebSocket-Extensions", "Sec-WebSocket-Version")) {
            assertThatThrownBy(() -> WorkerOptions.builder().header(name, "x").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("header '" + name + "' cannot be set: the WebSocket handshake sets it itself");
        }
        assertThatThrownBy(() -> WorkerOptions.builder().header("X Api Key", "x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid HTTP header name");
        assertThatThrownBy(() -> WorkerOptions.builder().header("X-Api-Key", "a\r\nX-Evil: 1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
        assertThat(WorkerOptions.builder().header("X-Api-Key", "k").header("Origin", "https://shop.example").build()
                .headers()).containsKeys("X-Api-Key", "Origin");
    }

    @Test
    void optionsComeFromTheBuilderThenTheEnvironmentThenDefaults() throws Exception {
        Map<String, String> environment = Map.of("III_URL", "ws://engine.example:49134", "III_WORKER_NAME", "from-env",
                "III_NAMESPACE", "env-ns");
        WorkerOptions fromEnvironment = WorkerOptions.builder().environment(environment::get).build();
        assertThat(fromEnvironment.url()).hasToString("ws://engine.example:49134");
        assertThat(fromEnvironment.name()).isEqualTo("from-env");
        assertThat(fromEnvironment.namespace()).isEqualTo("env-ns");

        WorkerOptions explicit = WorkerOptions.builder().environment(environment::get).url("ws://10.0.0.1:1")
                .name("explicit").namespace("mine").build();
        assertThat(explicit.url()).hasToString("ws://10.0.0.1:1");
        assertThat(explicit.name()).isEqualTo("explicit");
        assertThat(explicit.namespace()).isEqualTo("mine");

        WorkerOptions defaults = WorkerOptions.builder().environment(Map.of("III_NAMESPACE", "  ")::get).build();
        assertThat(defaults.url()).hasToString(WorkerOptions.DEFAULT_URL).hasToString("ws://127.0.0.1:49134");
        assertThat(defaults.name()).isEqualTo(InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid());
        assertThat(defaults.namespace()).isNull();
        assertThat(defaults.invocationTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.reconnectPolicy()).isEqualTo(ReconnectPolicy.defaults());
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.sendStackTraces()).isFalse();

        assertThatThrownBy(() -> WorkerOptions.builder().url("http://x").build()).hasMessageContaining("ws://");
        // Neither message repeats credentials from the URL.
        assertThatThrownBy(() -> WorkerOptions.builder().url("http://ada:pw@x/?token=t").build())
                .hasMessage("url must be a ws:// or wss:// URL, was 'http://x/'");
        assertThatThrownBy(() -> WorkerOptions.builder().url("ws://ada:p w@x").build())
                .hasMessageStartingWith("url is not a valid URI (character ").hasMessageNotContaining("p w");
        assertThatThrownBy(() -> WorkerOptions.builder().pingInterval(Duration.ofSeconds(90)).build())
                .hasMessageContaining("idleTimeout");
    }

    @Test
    void theDefaultFrameLimitFollowsTheHeapSoThatOneFrameCannotExhaustIt() {
        long sixteenth = Runtime.getRuntime().maxMemory() / 16;
        int expected = (int) Math.max(1024 * 1024, Math.min(64L * 1024 * 1024, sixteenth));
        assertThat(WorkerOptions.builder().build().maxMessageSize()).isEqualTo(expected);
        assertThat(WorkerOptions.builder().maxMessageSize(1000).build().maxMessageSize()).isEqualTo(1000);
    }

    @Test
    void aTokenIsSentAsBearerAuthorizationUnlessAnAuthorizationHeaderIsSet() {
        Map<String, String> environment = Map.of("III_TOKEN", "from-env");
        assertThat(WorkerOptions.builder().environment(environment::get).build().headers())
                .containsEntry("Authorization", "Bearer from-env");
        assertThat(WorkerOptions.builder().environment(environment::get).token("mine").build().headers())
                .containsEntry("Authorization", "Bearer mine");
        assertThat(WorkerOptions.builder().environment(environment::get).header("authorization", "Basic x").build()
                .headers()).containsExactly(Map.entry("authorization", "Basic x"));
        assertThat(WorkerOptions.builder().environment(Map.of("III_TOKEN", " ")::get).build().headers()).isEmpty();
        assertThat(WorkerOptions.builder().environment(environment::get).build().toString()).doesNotContain("from-env")
                .contains("headers=[Authorization]");
    }

    @Test
    void handshakeHeadersAreSent() throws Exception {
        engine = TestEngine.start();
        worker = III.registerWorker(WorkerOptions.builder().url(engine.url()).name("headers")
                .header("Authorization", "Bearer secret-token").build());
        engine.nextConnection();
        await().until(() -> engine.handshakeHeaders().containsKey("authorization"));
        assertThat(engine.handshakeHeaders().get("authorization")).containsExactly("Bearer secret-token");
    }
}
