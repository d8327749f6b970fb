package dev.iii.engine;

import dev.iii.protocol.RawJson;
import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.RegisterTriggerType;
import dev.iii.protocol.TriggerRegistrationResult;
import dev.iii.protocol.UnregisterTrigger;
import dev.iii.protocol.UnregisterTriggerType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkerTriggerTypeTest {

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
    void bindingsAreForwardedToTheProvider() {
        try (TestWorker provider = TestWorker.registered(engine, "github");
                TestWorker user = TestWorker.registered(engine, "user")) {
            provider.send(new RegisterTriggerType("webhook::github", "GitHub webhooks", null, null, null));
            awaitType(user, "webhook::github");
            user.send(new RegisterTrigger("hook-1", "webhook::github", "user::on-push", object().put("repo", "a/b"),
                    object().put("m", 1), null, null));
            RegisterTrigger forwarded = provider.await(RegisterTrigger.class, r -> r.id().equals("hook-1"));
            assertThat(forwarded.triggerType()).isEqualTo("webhook::github");
            assertThat(forwarded.functionId()).isEqualTo("user::on-push");
            assertThat(forwarded.config().get("repo").asString()).isEqualTo("a/b");
            assertThat(forwarded.metadata().get("m").asInt()).isEqualTo(1);
            assertThat(forwarded.namespace()).isNull();
            assertThat(forwarded.triggerNamespace()).isNull();
            provider.send(new TriggerRegistrationResult("hook-1", "webhook::github", "user::on-push", null));

            user.send(new UnregisterTrigger("hook-1", "webhook::github"));
            UnregisterTrigger stop = provider.await(UnregisterTrigger.class, u -> u.id().equals("hook-1"));
            assertThat(stop.triggerType()).isEqualTo("webhook::github");
        }
    }

    @Test
    void bindingsWaitPendingUntilAProviderAppears() {
        try (TestWorker user = TestWorker.registered(engine, "early-user")) {
            user.send(new RegisterTrigger("early-1", "late::type", "user::fn", object(), null, null, null));
            // pending bindings are not listed as registered triggers
            JsonNode rows = user.callOk("engine::registered-triggers::list", object()).get("registered_triggers");
            assertThat(rows.size()).isZero();
            assertThat(user.receivedOf(TriggerRegistrationResult.class)).isEmpty();

            try (TestWorker provider = TestWorker.registered(engine, "late-provider")) {
                provider.send(new RegisterTriggerType("late::type", "", null, null, null));
                RegisterTrigger offered = provider.await(RegisterTrigger.class, r -> r.id().equals("early-1"));
                assertThat(offered.functionId()).isEqualTo("user::fn");
            }
            // the provider left: the binding waits again, and a new provider gets it again
            try (TestWorker second = TestWorker.registered(engine, "second-provider")) {
                second.send(new RegisterTriggerType("late::type", "", null, null, null));
                second.await(RegisterTrigger.class, r -> r.id().equals("early-1"));
            }
        }
    }

    @Test
    void aProvidersRefusalIsForwardedToTheRegistrant() {
        try (TestWorker provider = TestWorker.registered(engine, "picky");
                TestWorker user = TestWorker.registered(engine, "hopeful")) {
            provider.send(new RegisterTriggerType("picky::type", "", null, null, null));
            awaitType(user, "picky::type");
            user.send(new RegisterTrigger("p-1", "picky::type", "hopeful::fn", object(), null, null, null));
            provider.await(RegisterTrigger.class, r -> r.id().equals("p-1"));
            provider.send(new TriggerRegistrationResult("p-1", "picky::type", "hopeful::fn",
                    new ErrorBody("trigger_registration_failed", "unknown repo")));
            TriggerRegistrationResult forwarded = user.await(TriggerRegistrationResult.class, r -> r.id().equals("p-1"));
            assertThat(forwarded.error().code()).isEqualTo("trigger_registration_failed");
            assertThat(forwarded.error().message()).isEqualTo("unknown repo");
        }
    }

    @Test
    void registerTriggerFunctionWaitsForTheProvidersAnswer() {
        try (TestWorker provider = TestWorker.registered(engine, "strict");
                TestWorker user = TestWorker.registered(engine, "asker")) {
            provider.send(new RegisterTriggerType("strict::type", "", null, null, null));
            awaitType(user, "strict::type");
            java.util.UUID id = java.util.UUID.randomUUID();
            user.send(dev.iii.protocol.InvokeFunction.call(id, "engine::register_trigger", RawJson.of(object()
                    .put("trigger_type", "strict::type").put("function_id", "asker::fn").set("config", object())),
                    null, null, null, null, null));
            RegisterTrigger offered = provider.await(RegisterTrigger.class, r -> r.functionId().equals("asker::fn"));
            provider.send(new TriggerRegistrationResult(offered.id(), "strict::type", "asker::fn",
                    new ErrorBody("bad_config", "no")));
            InvocationResult result = user.await(InvocationResult.class, r -> r.invocationId().equals(id));
            assertThat(result.error().code()).isEqualTo("trigger_registration_failed");
            assertThat(result.error().message()).isEqualTo("bad_config: no");
        }
    }

    @Test
    void inEngineRefusalsComeBackAsTriggerRegistrationResults() {
        try (TestWorker user = TestWorker.registered(engine, "sloppy")) {
            user.send(new RegisterTrigger("h-1", "http", "sloppy::fn", object(), null, null, null));
            TriggerRegistrationResult result = user.await(TriggerRegistrationResult.class, r -> r.id().equals("h-1"));
            assertThat(result.error().code()).isEqualTo("trigger_registration_failed");
            assertThat(result.error().message()).isEqualTo("api_path is required for http triggers");

            user.sendRaw("{\"type\":\"registertrigger\",\"id\":\"h-2\",\"trigger_type\":\"http\",\"function_id\":\"f\","
                    + "\"config\":{},\"trigger_namespace\":\"\"}");
            TriggerRegistrationResult blank = user.await(TriggerRegistrationResult.class, r -> r.id().equals("h-2"));
            assertThat(blank.error().code()).isEqualTo("INVALID_NAMESPACE");
            assertThat(blank.error().message()).startsWith("`trigger_namespace` is empty");
        }
    }

    @Test
    void unregisterTriggerTypeRemovesTheTypeAndItsBindingsWaitForTheNextProvider() {
        try (TestWorker provider = TestWorker.registered(engine, "ticker");
                TestWorker user = TestWorker.registered(engine, "tick-user")) {
            provider.send(new RegisterTriggerType("tick::type", "", null, null, null));
            awaitType(user, "tick::type");
            user.send(new RegisterTrigger("tick-1", "tick::type", "tick-user::fn", object(), null, null, null));
            provider.await(RegisterTrigger.class, r -> r.id().equals("tick-1"));
            provider.send(new TriggerRegistrationResult("tick-1", "tick::type", "tick-user::fn", null));

            provider.send(new UnregisterTriggerType("tick::type"));
            await().atMost(TestWorker.WAIT).until(() -> !user.callOk("engine::triggers::list", object())
                    .get("triggers").findValuesAsString("id").contains("tick::type"));
            // The binding is pending again: not listed, and offered to whoever provides the type next.
            assertThat(user.callOk("engine::registered-triggers::list", object()).get("registered_triggers")
                    .findValuesAsString("id")).doesNotContain("tick-1");
            try (TestWorker next = TestWorker.registered(engine, "ticker-2")) {
                next.send(new RegisterTriggerType("tick::type", "", null, null, null));
                next.await(RegisterTrigger.class, r -> r.id().equals("tick-1"));
            }
            assertThat(provider.isClosed()).isFalse();
        }
    }

    @Test
    void unregisterTriggerTypeMovesTheBindingsToTheNextProviderFound() {
        try (TestWorker local = TestWorker.connect(engine);
                TestWorker fallback = TestWorker.registered(engine, "shared-provider");
                TestWorker user = TestWorker.connect(engine)) {
            local.sendMetadata("team-provider", "team");
            local.awaitListed("team-provider");
            user.sendMetadata("team-user", "team");
            user.awaitListed("team-user");
            local.send(new RegisterTriggerType("shared::type", "", null, null, null));
            fallback.send(new RegisterTriggerType("shared::type", "", null, null, null));
            await().atMost(TestWorker.WAIT).until(() -> user.callOk("engine::triggers::list", object())
                    .get("triggers").findValuesAsString("namespace").containsAll(java.util.List.of("team", "default")));
            // The registrant's namespace wins while it has a provider...
            user.send(new RegisterTrigger("shared-1", "shared::type", "team-user::fn", object(), null, "team", null));
            local.await(RegisterTrigger.class, r -> r.id().equals("shared-1"));
            assertThat(fallback.receivedOf(RegisterTrigger.class)).isEmpty();
            // ...and once it stops providing the type, default's provider takes the binding over.
            local.send(new UnregisterTriggerType("shared::type"));
            RegisterTrigger moved = fallback.await(RegisterTrigger.class, r -> r.id().equals("shared-1"));
            assertThat(moved.namespace()).isEqualTo("team");
        }
    }

    private static void awaitType(TestWorker worker, String typeId) {
        await().atMost(TestWorker.WAIT).until(() -> worker.callOk("engine::triggers::list", object())
                .get("triggers").findValuesAsString("id").contains(typeId));
    }
}
