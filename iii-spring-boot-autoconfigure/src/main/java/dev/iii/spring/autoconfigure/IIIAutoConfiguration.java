package dev.iii.spring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.ReconnectPolicy;
import dev.iii.sdk.WorkerOptions;
import dev.iii.spring.annotation.EnableIII;
import dev.iii.spring.annotation.IIIBootstrapConfiguration;
import dev.iii.spring.client.IIIClientFactory;
import dev.iii.spring.client.IIIClientsRegistrar;
import dev.iii.spring.client.IIITemplate;
import dev.iii.spring.diagnostics.EmbeddedEngineSettingsCheck;
import dev.iii.spring.endpoint.FunctionEndpointRegistry;
import dev.iii.spring.lifecycle.IIIWorkerLifecycle;
import dev.iii.spring.observation.CallObservationConvention;
import dev.iii.spring.observation.IIIObservationDocumentation;
import dev.iii.spring.schema.FunctionSchemaGenerator;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the application an iii worker: a worker bean built from {@code iii.*} properties, the
 * {@code @IIIFunction} catalog, the lifecycle that connects and drains, and {@link IIITemplate} for calls.
 * With {@code iii.enabled=false} everything stays but the functions are not served: the worker connects for
 * calls only. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@EnableConfigurationProperties(IIIProperties.class)
public final class IIIAutoConfiguration {

    /** Bean name of the executor that invocations run on. */
    public static final String TASK_EXECUTOR_BEAN_NAME = "iiiTaskExecutor";

    private static final Log log = LogFactory.getLog(IIIAutoConfiguration.class);

    /** Threads beyond the handlers' cap, for trigger providers' callbacks, which the cap does not count. */
    private static final int PROVIDER_CALLBACK_HEADROOM = 8;

    @Bean
    @ConditionalOnMissingBean(IIIConnectionDetails.class)
    PropertiesIIIConnectionDetails iiiConnectionDetails(IIIProperties properties, ObjectProvider<SslBundles> sslBundles) {
        return new PropertiesIIIConnectionDetails(properties, sslBundles.getIfAvailable());
    }

    // Not a default candidate: an Executor bean that is one makes Boot skip its applicationTaskExecutor, and
    // @Async, MVC async and everything else that looks an Executor up by type would get this one.
    @Bean(name = TASK_EXECUTOR_BEAN_NAME, defaultCandidate = false)
    @ConditionalOnMissingBean(name = TASK_EXECUTOR_BEAN_NAME)
    @ConditionalOnThreading(Threading.VIRTUAL)
    SimpleAsyncTaskExecutor iiiVirtualThreadTaskExecutor() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("iii-invocation-");
        executor.setVirtualThreads(true);
        return executor;
    }

    @Bean(name = TASK_EXECUTOR_BEAN_NAME, defaultCandidate = false)
    @ConditionalOnMissingBean(name = TASK_EXECUTOR_BEAN_NAME)
    @ConditionalOnThreading(Threading.PLATFORM)
    ThreadPoolTaskExecutor iiiThreadPoolTaskExecutor(IIIProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        // Threads on demand: with no queue, a task goes to an idle thread, or to a new one while fewer than the
        // maximum exist (a core size would start a thread per task until it is reached). The worker already
        // caps handlers at max-concurrent-invocations; the headroom is for trigger providers' callbacks.
        executor.setCorePoolSize(0);
        executor.setQueueCapacity(0);
        executor.setMaxPoolSize(properties.maxConcurrentInvocations() + PROVIDER_CALLBACK_HEADROOM);
        executor.setKeepAliveSeconds(60);
        executor.setThreadNamePrefix("iii-invocation-");
        return executor;
    }

    @Bean
    @ConditionalOnMissingBean
    IIIWorker iiiWorker(IIIProperties properties, IIIConnectionDetails connection,
            @Qualifier(TASK_EXECUTOR_BEAN_NAME) Executor executor, ObjectProvider<JsonMapper> jsonMapper,
            ObjectProvider<IIIWorkerOptionsCustomizer> customizers, Environment environment) {
        String source = connection instanceof PropertiesIIIConnectionDetails ? "iii.url"
                : "the " + IIIConnectionDetails.class.getSimpleName() + " bean";
        URI url = EngineUrl.parse(connection.getUrl(), source);
        WorkerOptions.Builder builder = WorkerOptions.builder().url(url.toString())
                .headers(connection.getHeaders()).invocationTimeout(properties.invocationTimeout())
                .reconnectPolicy(reconnectPolicy(properties.reconnect()))
                .maxConcurrentInvocations(properties.maxConcurrentInvocations())
                .maxQueuedInvocations(properties.maxQueuedInvocations()).handlerTimeout(properties.handlerTimeout())
                .maxSendQueueBytes(properties.sendQueueSize().toBytes())
                .maxOfflineCalls(properties.offline().maxCalls()).maxOfflineBytes(properties.offline().maxSize().toBytes())
                .executor(executor)
                .connectTimeout(properties.connection().connectTimeout())
                .pingInterval(properties.connection().pingInterval())
                .idleTimeout(properties.connection().idleTimeout()).sendStackTraces(properties.sendStackTraces())
                .nameConflictGrace(properties.worker().nameConflictGrace()).token(properties.token())
                .reportMetrics(properties.metrics().reportToEngine())
                .framework("spring-boot");
        String name = properties.worker().name() != null ? properties.worker().name()
                : environment.getProperty("spring.application.name");
        if (name != null) {
            builder.name(name);
        }
        if (properties.maxMessageSize() != null) {
            builder.maxMessageSize((int) Math.min(Integer.MAX_VALUE, properties.maxMessageSize().toBytes()));
        }
        if (properties.worker().description() != null) {
            builder.description(properties.worker().description());
        }
        if (properties.worker().namespace() != null) {
            builder.namespace(properties.worker().namespace());
        }
        SslBundle ssl = connection.getSslBundle();
        if (ssl != null) {
            if ("wss".equalsIgnoreCase(url.getScheme())) {
                builder.sslContext(ssl.createSslContext());
            }
            else {
                log.warn("An SSL bundle is set for the iii engine connection (iii.ssl.bundle), but the engine URL "
                        + "(" + source + ") is " + url.getScheme() + "://: the connection is not encrypted; use wss://");
            }
        }
        jsonMapper.ifAvailable(builder::jsonMapper);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return IIIWorker.create(builder.build());
    }

    private static ReconnectPolicy reconnectPolicy(IIIProperties.Reconnect reconnect) {
        return new ReconnectPolicy(reconnect.initialDelay(), reconnect.multiplier(), reconnect.maxDelay(),
                reconnect.jitter(), reconnect.maxRetries());
    }

    @Bean
    static EmbeddedEngineSettingsCheck iiiEmbeddedEngineSettingsCheck(Environment environment,
            ListableBeanFactory beans, ObjectProvider<IIIWorker> worker) {
        return new EmbeddedEngineSettingsCheck(environment, beans, worker);
    }

    @Bean
    @ConditionalOnMissingBean
    FunctionSchemaGenerator iiiFunctionSchemaGenerator() {
        return new FunctionSchemaGenerator();
    }

    @Bean
    @ConditionalOnMissingBean
    IIIWorkerLifecycle iiiWorkerLifecycle(IIIWorker worker, FunctionEndpointRegistry endpoints,
            ApplicationEventPublisher events, IIIProperties properties, Environment environment) {
        Duration grace = properties.shutdown().gracePeriod();
        Duration phaseTimeout = environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class,
                Duration.ofSeconds(30));
        if (grace.compareTo(phaseTimeout) >= 0) {
            log.warn("iii.shutdown.grace-period (" + grace + ") is not shorter than "
                    + "spring.lifecycle.timeout-per-shutdown-phase (" + phaseTimeout + "): Spring may stop waiting "
                    + "for the worker before in-flight invocations finish");
        }
        IIIWorkerLifecycle lifecycle = new IIIWorkerLifecycle(worker, properties.enabled() ? endpoints : null, events,
                grace);
        if (properties.connection().failFast()) {
            lifecycle.setFailFast(properties.connection().connectTimeout());
        }
        return lifecycle;
    }

    @Bean
    @ConditionalOnMissingBean
    IIITemplate iiiTemplate(IIIWorker worker, ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<CallObservationConvention> convention) {
        return new IIITemplate(worker, observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                convention.getIfAvailable(() -> IIIObservationDocumentation.DefaultConventions.CALL));
    }

    @Bean
    @ConditionalOnMissingBean
    IIIClientFactory iiiClientFactory(IIITemplate template, Environment environment) {
        return new IIIClientFactory(template, environment);
    }

    /** {@code @IIIClient} interfaces of the application's packages, unless it used {@code @EnableIIIClients}. */
    @Configuration(proxyBeanMethods = false)
    @Import(IIIClientsRegistrar.class)
    static class IIIClientsConfiguration {
    }

    /** Detection of {@code @IIIFunction} methods, unless the application enabled it itself. */
    @Configuration(proxyBeanMethods = false)
    @EnableIII
    @ConditionalOnMissingBean(name = IIIBootstrapConfiguration.POST_PROCESSOR_BEAN_NAME)
    static class EnableIIIConfiguration {
    }
}
