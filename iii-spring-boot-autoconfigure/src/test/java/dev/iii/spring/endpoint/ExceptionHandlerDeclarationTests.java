package dev.iii.spring.endpoint;

import dev.iii.sdk.InvocationException;
import dev.iii.spring.annotation.IIIAdvice;
import dev.iii.spring.annotation.IIIExceptionHandler;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Exception handlers that could not work fail start-up, naming bean and method. */
class ExceptionHandlerDeclarationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IIIAutoConfiguration.class))
            .withPropertyValues("iii.url=ws://127.0.0.1:9", "iii.reconnect.initial-delay=10s");

    static class Swallowing {
        @IIIFunction("swallowing::run")
        String run() {
            return "ran";
        }

        @IIIExceptionHandler
        void swallow(IllegalStateException ex) {
        }
    }

    @IIIAdvice
    static class Twice {
        @IIIExceptionHandler(IllegalStateException.class)
        InvocationException first(Exception ex) {
            return new InvocationException("first", "first");
        }

        @IIIExceptionHandler
        InvocationException second(IllegalStateException ex, String extra) {
            return new InvocationException("second", extra);
        }

        @IIIExceptionHandler
        InvocationException nothing() {
            return new InvocationException("nothing", "nothing");
        }
    }

    @Test
    void aHandlerReturningVoidFailsStartup() {
        runner.withBean("swallowing", Swallowing.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasMessageContaining("@IIIExceptionHandler method swallowing.swallow returns void");
        });
    }

    @Test
    void adviceMistakesAreListedTogether() {
        runner.withBean("swallowing", Swallowing.class).withBean("twice", Twice.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasMessageContaining("IllegalStateException is handled twice on twice")
                    .hasMessageContaining("twice.second has a parameter of type String")
                    .hasMessageContaining("twice.nothing names no exception type");
        });
    }
}
