package dev.iii.engine;

import java.util.UUID;

import dev.iii.protocol.RawJson;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterFunction;
import dev.iii.protocol.RegisterTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IntrospectionTest {

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
    void functionsListHasTheSummaryShapeAndHidesEngineFunctionsByDefault() {
        try (TestWorker worker = TestWorker.registered(engine, "billing")) {
            worker.send(new RegisterFunction("billing::charge", "Charge a card", object().put("type", "object"), null,
                    object().put("team", "pay"), null));
            worker.send(new RegisterFunction("billing::hidden", null, null, null, object().put("internal", true), null));
            await().atMost(TestWorker.WAIT).until(() -> worker.call("engine::functions::info",
                    object().put("function_id", "billing::hidden")).error() == null);

            JsonNode functions = worker.callOk("engine::functions::list", object()).get("functions");
            assertThat(functions.findValuesAsString("function_id")).containsExactly("billing::charge");
            JsonNode charge = functions.get(0);
            assertThat(charge.propertyNames()).containsExactlyInAnyOrder("function_id", "namespace", "worker_name",
                    "description", "metadata");
            assertThat(charge.get("worker_name").asString()).isEqualTo("billing");
            assertThat(charge.get("namespace").asString()).isEqualTo("default");
            assertThat(charge.get("metadata").get("team").asString()).isEqualTo("pay");

            JsonNode all = worker.callOk("engine::functions::list", object().put("include_internal", true)).get("functions");
            assertThat(all.findValuesAsString("function_id")).contains("billing::hidden", "engine::workers::list",
                    "engine::functions::list", "engine::triggers::list", "engine::register_trigger");
            JsonNode engineFn = null;
            for (JsonNode f : all) {
                if (f.get("function_id").asString().equals("engine::workers::list")) {
                    engineFn = f;
                }
            }
            assertThat(engineFn.get("worker_name").asString()).isEqualTo("iii-engine-functions");

            JsonNode searched = worker.callOk("engine::functions::list", object().put("search", "CARD")).get("functions");
            assertThat(searched.findValuesAsString("function_id")).containsExactly("billing::charge");

            JsonNode info = worker.callOk("engine::functions::info", object().put("function_id", "billing::charge"));
            assertThat(info.get("request_schema").get("type").asString()).isEqualTo("object");
            assertThat(info.get("registered_triggers").isArray()).isTrue();

            InvocationResult missing = worker.call("engine::functions::info", object().put("function_id", "x::y"));
            assertThat(missing.error().code()).isEqualTo("NOT_FOUND");
            InvocationResult both = worker.call("engine::functions::info",
                    object().put("function_id", "a").set("function_ids", TestWorker.JSON.createArrayNode().add("b")));
            assertThat(both.error().code()).isEqualTo("INVALID_ARGUMENTS");
        }
    }

    @Test
    void triggersListShowsTypesNotInstances() {
        try (TestWorker worker = TestWorker.registered(engine, "lister")) {
            JsonNode triggers = worker.callOk("engine::triggers::list", object()).get("triggers");
            assertThat(triggers.findValuesAsString("id")).containsExactly("cron", "http");
            JsonNode http = triggers.get(1);
            assertThat(http.propertyNames()).containsExactlyInAnyOrder("id", "namespace", "worker_name", "description");
            // 0.23 and later: the providers are the http and cron workers
            assertThat(http.get("worker_name").asString()).isEqualTo("http");
            assertThat(triggers.get(0).get("worker_name").asString()).isEqualTo("cron");

            JsonNode internal = worker.callOk("engine::triggers::list", object().put("include_internal", true)).get("triggers");
            assertThat(internal.findValuesAsString("id")).contains("engine::workers-available",
                    "engine::functions-available");

            JsonNode info = worker.callOk("engine::triggers::info", object().put("id", "http"));
            assertThat(info.get("instance_count").asInt()).isZero();
            InvocationResult missing = worker.call("engine::triggers::info", object().put("id", "nope"));
            assertThat(missing.error().code()).isEqualTo("NOT_FOUND");
            assertThat(missing.error().message()).isEqualTo("Trigger type 'nope' is not registered in namespace 'default'.");
        }
    }

    @Test
    void registeredTriggersListShowsActiveBindings() {
        try (TestWorker worker = TestWorker.registered(engine, "binder")) {
            worker.registerFunction("binder::hook");
            worker.send(new RegisterTrigger("b-1", "http", "binder::hook",
                    object().put("api_path", "/a/very/long/path/that/goes/on/and/on/and/on/for/quite/some/time").put("http_method", "POST"),
                    null, null, null));
            await().atMost(TestWorker.WAIT).until(() ->
                    worker.callOk("engine::registered-triggers::list", object()).get("registered_triggers").size() == 1);
            JsonNode row = worker.callOk("engine::registered-triggers::list", object()).get("registered_triggers").get(0);
            assertThat(row.propertyNames()).containsExactlyInAnyOrder("id", "trigger_type", "function_id", "worker_name",
                    "config", "config_summary");
            assertThat(row.get("worker_name").asString()).isEqualTo("binder");
            assertThat(row.get("config_summary").asString()).endsWith("…").hasSize(81);
            assertThat(worker.callOk("engine::triggers::info", object().put("id", "http")).get("instance_count").asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void builtinsRefuseInputThatIsNotAnObject() {
        try (TestWorker worker = TestWorker.connect(engine)) {
            UUID id = UUID.randomUUID();
            worker.send(InvokeFunction.call(id, "engine::workers::list", RawJson.of(TestWorker.JSON.nullNode()), null, null, null, null,
                    null));
            InvocationResult result = worker.await(InvocationResult.class, r -> r.invocationId().equals(id));
            assertThat(result.error().code()).isEqualTo("deserialization_error");
            assertThat(result.error().message()).startsWith("Failed to deserialize input for engine::workers::list: ");
        }
    }

    @Test
    void durableBindingsThroughRegisterTrigger() {
        try (TestWorker worker = TestWorker.registered(engine, "durable")) {
            worker.registerFunction("durable::hook");
            JsonNode created = worker.callOk("engine::register_trigger", object().put("trigger_type", "http")
                    .put("function_id", "durable::hook").set("config", object().put("api_path", "/durable")));
            String id = created.get("id").asString();
            assertThat(UUID.fromString(id)).isNotNull();
            InvocationResult refused = worker.call("engine::register_trigger", object().put("trigger_type", "cron")
                    .put("function_id", "durable::hook").set("config", object().put("expression", "* * * * *")));
            assertThat(refused.error().code()).isEqualTo("trigger_registration_failed");
            assertThat(worker.callOk("engine::unregister_trigger", object().put("id", id)).get("removed").asBoolean()).isTrue();
            assertThat(worker.callOk("engine::unregister_trigger", object().put("id", id)).get("removed").asBoolean()).isFalse();
        }
    }
}
