package dev.iii.spring.autoconfigure;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.sdk.trigger.TriggerRequest;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.annotation.IIITrigger;
import dev.iii.spring.client.IIITemplate;
import dev.iii.spring.endpoint.FunctionEndpoint;
import dev.iii.spring.endpoint.FunctionEndpointRegistry;
import dev.iii.spring.lifecycle.IIIWorkerLifecycle;
import dev.iii.spring.schema.FunctionSchemaGenerator;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class IIIAutoConfigurationTests {

    /** A port nothing listens on: the worker retries in the background and the tests never reach an engine. */
    private static final String NO_ENGINE = "iii.url=ws://127.0.0.1:9";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IIIAutoConfiguration.class)).withPropertyValues(NO_ENGINE);

    @Test
    void aTokenTravelsAsBearerAuthorizationUnlessAnAuthorizationHeaderIsSet() {
        runner.withPropertyValues("iii.token=t0k", "iii.worker.name-conflict-grace=0s").run(context -> {
            WorkerOptions options = context.getBean(IIIWorker.class).options();
            assertThat(options.headers()).containsEntry("Authorization", "Bearer t0k");
            assertThat(options.nameConflictGrace()).isZero();
            assertThat(options.reportMetrics()).isTrue();
        });
        runner.withPropertyValues("iii.metrics.report-to-engine=false").run(context ->
                assertThat(context.getBean(IIIWorker.class).options().reportMetrics()).isFalse());
        runner.withPropertyValues("iii.token=t0k", "iii.headers.authorization=Basic x").run(context ->
                assertThat(context.getBean(IIIWorker.class).options().headers())
                        .containsExactly(Map.entry("authorization", "Basic x")));
    }

    @Test
    void createsAWorkerFromTheProperties() {
        runner.withPropertyValues("iii.worker.name=orders", "iii.worker.description=Order service",
                "iii.worker.namespace=shop", "iii.invocation-timeout=5s", "iii.reconnect.max-retries=7",
                "iii.max-message-size=2MB", "iii.max-concurrent-invocations=12", "iii.headers.authorization=Bearer x",
                "iii.connection.ping-interval=5s", "iii.send-stack-traces=true", "iii.handler-timeout=45s",
                "iii.max-queued-invocations=7", "iii.send-queue-size=3MB", "iii.offline.max-calls=9",
                "iii.offline.max-size=1MB").run(context -> {
                    assertThat(context).hasSingleBean(IIIWorker.class).hasSingleBean(IIIWorkerLifecycle.class)
                            .hasSingleBean(IIITemplate.class).hasSingleBean(FunctionEndpointRegistry.class)
                            .hasSingleBean(PropertiesIIIConnectionDetails.class);
                    WorkerOptions options = context.getBean(IIIWorker.class).options();
                    assertThat(options.url()).hasToString("ws://127.0.0.1:9");
                    assertThat(options.name()).isEqualTo("orders");
                    assertThat(options.description()).isEqualTo("Order service");
                    assertThat(options.namespace()).isEqualTo("shop");
                    assertThat(options.invocationTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(options.reconnectPolicy().maxRetries()).isEqualTo(7);
                    assertThat(options.maxMessageSize()).isEqualTo(2 * 1024 * 1024);
                    assertThat(options.maxConcurrentInvocations()).isEqualTo(12);
                    assertThat(options.headers()).containsEntry("authorization", "Bearer x");
                    assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(options.sendStackTraces()).isTrue();
                    assertThat(options.handlerTimeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(options.maxQueuedInvocations()).isEqualTo(7);
                    assertThat(options.maxSendQueueBytes()).isEqualTo(3 * 1024 * 1024);
                    assertThat(options.maxOfflineCalls()).isEqualTo(9);
                    assertThat(options.maxOfflineBytes()).isEqualTo(1024 * 1024);
                    assertThat(options.framework()).isEqualTo("spring-boot");
                    assertThat(options.executor()).isSameAs(context.getBean(IIIAutoConfiguration.TASK_EXECUTOR_BEAN_NAME));
                    assertThat(context.getBean(IIIAutoConfiguration.TASK_EXECUTOR_BEAN_NAME))
                            .isInstanceOf(ThreadPoolTaskExecutor.class);
                });
    }

    @Test
    void bootsApplicationTaskExecutorSurvivesTheStarterAndInvocationsStillRunOnTheIiiExecutor() {
        runner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class)).run(context -> {
            assertThat(context).hasBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME);
            assertThat(context.getBean(Executor.class))
                    .isSameAs(context.getBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME));
            Object iiiExecutor = context.getBean(IIIAutoConfiguration.TASK_EXECUTOR_BEAN_NAME);
            assertThat(context.getBean(IIIWorker.class).options().executor()).isSameAs(iiiExecutor);
            assertThat(((ThreadPoolTaskExecutor) iiiExecutor).getThreadNamePrefix()).isEqualTo("iii-invocation-");
        });
    }

    @Test
    void workerNameFallsBackToTheApplicationName() {
        runner.withPropertyValues("spring.application.name=billing").run(context ->
                assertThat(context.getBean(IIIWorker.class).options().name()).isEqualTo("billing"));
    }

    @Test
    void runsInvocationsOnVirtualThreadsWhenAskedAndAvailable() {
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            Object executor = context.getBean(IIIAutoConfiguration.TASK_EXECUTOR_BEAN_NAME);
            if (Runtime.version().feature() >= 21) {
                assertThat(executor).isInstanceOf(SimpleAsyncTaskExecutor.class);
                java.util.concurrent.CompletableFuture<Thread> thread = new java.util.concurrent.CompletableFuture<>();
                ((SimpleAsyncTaskExecutor) executor).execute(() -> thread.complete(Thread.currentThread()));
                // Thread.isVirtual() is Java 21 API and this code compiles for 17.
                assertThat(thread.get().getClass().getSimpleName()).isEqualTo("VirtualThread");
            }
            else {
                assertThat(executor).isInstanceOf(ThreadPoolTaskExecutor.class);
            }
        });
    }

    @Test
    void backsOffForAUserDefinedWorkerAndUsesUserConnectionDetails() {
        runner.withUserConfiguration(UserWorker.class).run(context ->
                assertThat(context.getBean(IIIWorker.class)).isSameAs(context.getBean(UserWorker.class).worker));
        runner.withBean(IIIConnectionDetails.class, () -> () -> "ws://127.0.0.1:10").run(context -> {
            assertThat(context).doesNotHaveBean(PropertiesIIIConnectionDetails.class);
            assertThat(context.getBean(IIIWorker.class).options().url()).hasToString("ws://127.0.0.1:10");
        });
    }

    @Test
    void customizersRunLast() {
        runner.withBean(IIIWorkerOptionsCustomizer.class, () -> builder -> builder.description("customized"))
                .withPropertyValues("iii.worker.description=from properties").run(context ->
                        assertThat(context.getBean(IIIWorker.class).options().description()).isEqualTo("customized"));
    }

    @Test
    void disabledKeepsTheClientBeansForCallsButServesNoFunction() {
        runner.withPropertyValues("iii.enabled=false").withUserConfiguration(OrdersConfiguration.class)
                .withPropertyValues("orders.prefix=shop").withBean(TemplateUser.class).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(IIITemplate.class).hasSingleBean(IIIWorker.class);
                    assertThat(context.getBean(IIIWorkerLifecycle.class).isRunning()).isTrue();
                    assertThat(context.getBean(FunctionEndpointRegistry.class).endpoints()).hasSize(2);
                    assertThat(context.getBean(IIIWorker.class).functionIds()).isEmpty();
                    assertThat(context.getBean(IIIWorker.class).triggers()).isEmpty();
                });
    }

    /** An application bean that calls other functions. */
    static class TemplateUser {
        TemplateUser(IIITemplate iii) {
        }
    }

    @Test
    void warnsWhenTheGracePeriodIsNotShorterThanTheShutdownPhase(CapturedOutput output) {
        runner.withPropertyValues("iii.shutdown.grace-period=40s").run(context ->
                assertThat(output).contains("iii.shutdown.grace-period (PT40S) is not shorter than"));
    }

    @Test
    void collectsAnnotatedMethodsWithResolvedPlaceholdersAndTriggers() {
        runner.withUserConfiguration(OrdersConfiguration.class).withPropertyValues("orders.prefix=shop").run(context -> {
            assertThat(context).hasNotFailed();
            List<FunctionEndpoint> endpoints = context.getBean(FunctionEndpointRegistry.class).endpoints();
            assertThat(endpoints).extracting(FunctionEndpoint::functionId)
                    .containsExactlyInAnyOrder("shop::create", "shop::report");
            FunctionEndpoint create = endpoints.stream().filter(e -> e.functionId().equals("shop::create")).findFirst()
                    .orElseThrow();
            assertThat(create.description()).isEqualTo("Create an order");
            assertThat(create.metadata()).containsEntry("team", "shop");
            assertThat(create.triggers()).hasSize(2);
            TriggerRequest http = create.triggers().get(0);
            assertThat(http.type()).isEqualTo("http");
            assertThat(((JsonNode) http.config()).get("api_path").asString()).isEqualTo("/shop/orders");
            TriggerRequest queue = create.triggers().get(1);
            assertThat(((JsonNode) queue.config()).get("batch").asInt()).isEqualTo(10);
            assertThat(queue.metadata()).isEqualTo(Map.of("source", "queue"));
            assertThat(context.getBean(IIIWorker.class).functionIds()).contains("shop::create", "shop::report");
        });
    }

    /** A schema generator of the application's: it says which payload types it was asked about. */
    static class RecordingSchemaGenerator extends FunctionSchemaGenerator {

        final List<Type> requests = new CopyOnWriteArrayList<>();

        @Override
        public ObjectNode schemaOfRequest(Type payloadType) {
            requests.add(payloadType == null ? Void.class : payloadType);
            return super.schemaOfRequest(payloadType);
        }
    }

    @Test
    void anApplicationsSchemaGeneratorReplacesOursAndDescribesTheFunctions() {
        runner.withUserConfiguration(OrdersConfiguration.class).withPropertyValues("orders.prefix=shop")
                .withBean("mySchemas", FunctionSchemaGenerator.class, RecordingSchemaGenerator::new).run(context -> {
                    assertThat(context).hasSingleBean(FunctionSchemaGenerator.class);
                    RecordingSchemaGenerator mine = (RecordingSchemaGenerator) context.getBean(FunctionSchemaGenerator.class);
                    assertThat(mine.requests).hasSize(2).extracting(Type::getTypeName)
                            .contains("java.util.Map<java.lang.String, java.lang.Object>");
                });
    }

    @Test
    void aHeaderTheHandshakeSetsItselfFailsStartupSayingSo() {
        runner.withPropertyValues("iii.headers.host=engine.example").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessage("header 'host' cannot be set: the WebSocket handshake sets it itself");
        });
    }

    @Test
    void duplicateFunctionIdsFailStartupNamingBothMethods() {
        runner.withUserConfiguration(DuplicateConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("function id 'dup::fn' is declared twice")
                    .hasMessageContaining("first.handle(").hasMessageContaining("second.handle(");
        });
    }

    @Test
    void methodsThatCannotBeBoundFailStartupNamingTheMethod() {
        runner.withUserConfiguration(TwoPayloadsConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("twoPayloads.handle(String, String)")
                    .hasMessageContaining("two payload parameters");
        });
    }

    @Test
    void proxiedBeansAreInvokedThroughTheirProxy() {
        runner.withUserConfiguration(ProxiedConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            FunctionEndpoint endpoint = context.getBean(FunctionEndpointRegistry.class).endpoints().get(0);
            assertThat(endpoint.bean().getClass().getName()).contains("$$SpringCGLIB$$");
            Object result = endpoint.method().invoke(endpoint.bean(), "x");
            assertThat(result).isEqualTo("X");
            assertThat(ProxiedConfiguration.ADVISED).hasValue(1);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserWorker {
        final IIIWorker worker = IIIWorker.create(WorkerOptions.builder().url("ws://127.0.0.1:9").name("mine").build());

        @Bean
        IIIWorker myWorker() {
            return worker;
        }
    }

    static class Orders {
        @IIIFunction(id = "${orders.prefix}::create", description = "Create an order", metadata = "team=${orders.prefix}")
        @IIITrigger(type = "http", config = { "api_path=/${orders.prefix}/orders", "http_method=POST" })
        @IIITrigger(type = "durable:subscriber", configJson = "{\"topic\":\"orders\",\"batch\":10}", metadata = "source=queue")
        Map<String, Object> create(Map<String, Object> order, InvocationContext context) {
            return order;
        }

        @IIIFunction(id = "${orders.prefix}::report")
        void report() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OrdersConfiguration {
        @Bean
        Orders orders() {
            return new Orders();
        }
    }

    static class DupHandler {
        @IIIFunction(id = "dup::fn")
        String handle(String value) {
            return value;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DuplicateConfiguration {
        @Bean
        DupHandler first() {
            return new DupHandler();
        }

        @Bean
        DupHandler second() {
            return new DupHandler();
        }
    }

    static class TwoPayloads {
        @IIIFunction(id = "bad::fn")
        String handle(String one, String two) {
            return one + two;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoPayloadsConfiguration {
        @Bean
        TwoPayloads twoPayloads() {
            return new TwoPayloads();
        }
    }

    public static class Upper {
        @IIIFunction(id = "proxied::upper")
        public String upper(String value) {
            return value.toUpperCase();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ProxiedConfiguration {
        static final AtomicInteger ADVISED = new AtomicInteger();

        @Bean
        Upper upper() {
            return new Upper();
        }

        @Bean
        static Proxying proxyingPostProcessor() {
            return new Proxying();
        }

        /** Ordered, like Spring's auto-proxy creators, so it runs before the @IIIFunction collector. */
        static class Proxying implements BeanPostProcessor, org.springframework.core.Ordered {
            @Override
            public int getOrder() {
                return org.springframework.core.Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof Upper)) {
                    return bean;
                }
                ProxyFactory factory = new ProxyFactory(bean);
                factory.setProxyTargetClass(true);
                factory.addAdvice((MethodInterceptor) invocation -> {
                    ADVISED.incrementAndGet();
                    return invocation.proceed();
                });
                return factory.getProxy();
            }
        }
    }
}
