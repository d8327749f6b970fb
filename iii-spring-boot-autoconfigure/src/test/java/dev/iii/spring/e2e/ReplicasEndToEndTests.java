package dev.iii.spring.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.iii.engine.EmbeddedEngine;
import dev.iii.sdk.CallOptions;
import dev.iii.sdk.ConnectionState;
import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.sdk.discovery.WorkerInfo;
import dev.iii.spring.annotation.CronTrigger;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import dev.iii.spring.autoconfigure.IIIConnectionDetails;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of one Spring Boot application on one engine, configured as {@code docs/production.md}
 * ("Running more than one replica") says: worker names made unique with {@code ${HOSTNAME}}, and either a
 * namespace per replica set (both serve calls; they share the {@code http} routes and each fires its cron jobs) or
 * one namespace (the second is refused the function, and says so).
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplicasEndToEndTests {

    private static EmbeddedEngine engine;

    private final ApplicationContextRunner replicas = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, IIIAutoConfiguration.class))
            .withUserConfiguration(Replica.class).withBean(IIIConnectionDetails.class, () -> engine::url)
            .withPropertyValues("spring.application.name=orders",
                    "iii.worker.name=${spring.application.name}-${HOSTNAME}");

    /** Another service's worker, calling the replicas through the engine. */
    private static IIIWorker caller;

    @BeforeAll
    static void startEngineAndCaller() throws InterruptedException {
        engine = EmbeddedEngine.builder().port(0).httpPort(0).build().start();
        caller = IIIWorker.create(WorkerOptions.builder().url(engine.url()).name("replicas-e2e-caller").build());
        caller.start();
        assertThat(caller.awaitConnected(Duration.ofSeconds(20))).isTrue();
    }

    @AfterAll
    static void stop() {
        caller.shutdown(Duration.ofSeconds(1));
        engine.close();
    }

    /** {@code HOSTNAME} stands in for the environment variable Kubernetes sets in each pod. */
    private ApplicationContextRunner pod(String hostname, String... properties) {
        return replicas.withPropertyValues("HOSTNAME=" + hostname).withPropertyValues(properties);
    }

    private static IIIWorker connected(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        IIIWorker worker = context.getBean(IIIWorker.class);
        await().until(() -> worker.connectionState() == ConnectionState.CONNECTED);
        return worker;
    }

    private static String whoami(String namespace) {
        CallOptions options = namespace == null ? CallOptions.defaults() : CallOptions.defaults().withNamespace(namespace);
        return caller.call("replica::whoami", Map.of(), String.class, options).join();
    }

    @Test
    void aNamespacePerReplicaSetLetsEachServeUnderANameOfItsOwn() {
        pod("pod-a", "iii.worker.namespace=eu").run(eu -> pod("pod-b", "iii.worker.namespace=us").run(us -> {
            connected(eu);
            connected(us);
            assertThat(whoami("eu")).isEqualTo("orders-pod-a");
            assertThat(whoami("us")).isEqualTo("orders-pod-b");
            assertThat(caller.discovery().listWorkers().join()).extracting(WorkerInfo::name)
                    .contains("orders-pod-a", "orders-pod-b");
        }));
    }

    @Test
    void replicaSetsInNamespacesShareTheHttpRoutesTheLastToBindAnsweringAndEachSetsCronFires() throws Exception {
        ApplicationContextRunner withTriggers = replicas.withUserConfiguration(Triggered.class);
        withTriggers.withPropertyValues("HOSTNAME=pod-e", "iii.worker.namespace=eu").run(eu -> {
            connected(eu);
            withTriggers.withPropertyValues("HOSTNAME=pod-f", "iii.worker.namespace=us").run(us -> {
                connected(us);
                HttpResponse<String> answer = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(engine.httpUrl() + "/whoami")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("\"orders-pod-f\"");
                await().until(() -> Triggered.TICKS.containsAll(Set.of("orders-pod-e", "orders-pod-f")));
            });
        });
    }

    @Test
    void inOneNamespaceTheSecondReplicaIsRefusedTheFunctionAndLogsItWhileTheFirstServes(CapturedOutput output) {
        pod("pod-c").run(first -> {
            String owner = connected(first).workerId().orElseThrow();
            pod("pod-d").run(second -> {
                connected(second);
                await().until(() -> output.getAll().contains("FUNCTION_NAMESPACE_CONFLICT"));
                assertThat(output.getAll().lines().filter(line -> line.contains("FUNCTION_NAMESPACE_CONFLICT")))
                        .anySatisfy(line -> assertThat(line).contains("WARN").contains("'replica::whoami'")
                                .contains("'default'").contains(owner));
                JsonNode info = caller.call("engine::functions::info", Map.of("function_id", "replica::whoami")).join();
                assertThat(info.get("worker_name").asString()).isEqualTo("orders-pod-c");
                for (int i = 0; i < 3; i++) {
                    assertThat(whoami(null)).isEqualTo("orders-pod-c");
                }
            });
        });
    }

    /** The application: one function that answers with the replica's worker name. */
    @Configuration(proxyBeanMethods = false)
    static class Replica {

        @Bean
        Whoami whoami(@Value("${iii.worker.name}") String name) {
            return new Whoami(name);
        }
    }

    /** Triggers of each replica: a route every replica binds, and a cron job every second. */
    @Configuration(proxyBeanMethods = false)
    static class Triggered {

        /** The names of the replicas whose cron job ran. */
        static final Set<String> TICKS = ConcurrentHashMap.newKeySet();

        @Bean
        Routes routes(@Value("${iii.worker.name}") String name) {
            return new Routes(name);
        }
    }

    static class Routes {

        private final String name;

        Routes(String name) {
            this.name = name;
        }

        @IIIFunction("replica::whoami-http")
        @HttpTrigger("/whoami")
        HttpTriggerResponse whoami() {
            return HttpTriggerResponse.ok(name);
        }

        @IIIFunction("replica::tick")
        @CronTrigger("* * * * * *")
        void tick() {
            Triggered.TICKS.add(name);
        }
    }

    static class Whoami {

        private final String name;

        Whoami(String name) {
            this.name = name;
        }

        @IIIFunction("replica::whoami")
        String whoami() {
            return name;
        }
    }
}
