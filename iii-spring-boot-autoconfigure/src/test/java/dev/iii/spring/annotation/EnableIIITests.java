package dev.iii.spring.annotation;

import java.time.Duration;

import dev.iii.sdk.IIIWorker;
import dev.iii.sdk.WorkerOptions;
import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import dev.iii.spring.endpoint.FunctionEndpoint;
import dev.iii.spring.endpoint.FunctionEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @EnableIII} brings everything its post-processor needs, with or without Spring Boot's auto-configuration. */
class EnableIIITests {

    static class Greeter {
        @IIIFunction("greeter::greet")
        String greet(String name) {
            return "hello " + name;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableIII
    static class PlainSpringApplication {
        @Bean(destroyMethod = "")
        IIIWorker worker() {
            return IIIWorker.create(WorkerOptions.builder().url("ws://127.0.0.1:9").name("plain").build());
        }

        @Bean
        Greeter greeter() {
            return new Greeter();
        }
    }

    @Test
    void collectsFunctionsInAPlainSpringContext() {
        new ApplicationContextRunner().withUserConfiguration(PlainSpringApplication.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(FunctionEndpointRegistry.class).endpoints())
                    .extracting(FunctionEndpoint::functionId).containsExactly("greeter::greet");
            context.getBean(IIIWorker.class).shutdown(Duration.ZERO);
        });
    }

    @Test
    void collectsFunctionsWhenBootsAutoConfigurationIsTurnedOff() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IIIAutoConfiguration.class))
                .withPropertyValues("iii.enabled=false").withUserConfiguration(PlainSpringApplication.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(FunctionEndpointRegistry.class).endpoints())
                            .extracting(FunctionEndpoint::functionId).containsExactly("greeter::greet");
                    context.getBean(IIIWorker.class).shutdown(Duration.ZERO);
                });
    }

    @Test
    void aCatalogOfTheApplicationsOwnUnderTheFixedNameIsKept() {
        FunctionEndpointRegistry own = new FunctionEndpointRegistry();
        new ApplicationContextRunner().withUserConfiguration(PlainSpringApplication.class)
                .withBean(IIIBootstrapConfiguration.ENDPOINT_REGISTRY_BEAN_NAME, FunctionEndpointRegistry.class, () -> own)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(FunctionEndpointRegistry.class)).isSameAs(own);
                    assertThat(own.endpoints()).extracting(FunctionEndpoint::functionId).containsExactly("greeter::greet");
                    context.getBean(IIIWorker.class).shutdown(Duration.ZERO);
                });
    }
}
