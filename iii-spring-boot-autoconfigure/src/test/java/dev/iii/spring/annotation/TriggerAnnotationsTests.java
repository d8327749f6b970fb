package dev.iii.spring.annotation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.iii.sdk.trigger.TriggerRequest;
import dev.iii.spring.autoconfigure.IIIAutoConfiguration;
import dev.iii.spring.endpoint.FunctionEndpoint;
import dev.iii.spring.endpoint.FunctionEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed trigger annotations become the configuration the engine expects, and mistakes fail start-up. */
class TriggerAnnotationsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IIIAutoConfiguration.class))
            .withPropertyValues("iii.url=ws://127.0.0.1:9", "iii.reconnect.initial-delay=10s", "orders.path=/orders");

    static class Everything {
        @IIIFunction("everything::handle")
        @HttpTrigger(path = "${orders.path}/:id", method = "put", middleware = { "auth::check", "audit::log" },
                metadata = "source=http")
        @CronTrigger("0 */5 * * * *")
        @QueueTrigger("payments")
        @SubscribeTrigger("orders.placed")
        @StateTrigger(scope = "carts")
        @StreamTrigger(value = "chat", groupId = "room-1")
        @FunctionsAvailableTrigger
        @WorkersAvailableTrigger
        @IIITrigger(type = "webhook::github", config = "repo=iii-hq/iii")
        void handle() {
        }
    }

    static class YearlyCron {
        @IIIFunction(id = "cron::yearly")
        @CronTrigger(expression = "0 0 0 1 1 * 2030")
        void yearly() {
        }
    }

    static class UnparsableCron {
        @IIIFunction("cron::bad")
        @CronTrigger("every day at noon")
        void noon() {
        }
    }

    static class CrontabCron {
        @IIIFunction("cron::crontab")
        @IIITrigger(type = "cron", config = "expression=*/5 * * * *")
        void everyFiveMinutes() {
        }
    }

    static class UnservedMethod {
        @IIIFunction("http::fetch")
        @HttpTrigger(path = "/items", method = "FETCH")
        void fetch() {
        }
    }

    static class NoPath {
        @IIIFunction("http::nowhere")
        @HttpTrigger(method = "GET")
        void nowhere() {
        }
    }

    private static JsonNode config(TriggerRequest trigger) {
        return JSON.valueToTree(trigger.config());
    }

    @Test
    void typedAnnotationsBecomeTheEnginesConfiguration() {
        runner.withBean("everything", Everything.class).run(context -> {
            assertThat(context).hasNotFailed();
            FunctionEndpoint endpoint = context.getBean(FunctionEndpointRegistry.class).endpoints().get(0);
            assertThat(endpoint.functionId()).isEqualTo("everything::handle");
            Map<String, TriggerRequest> byType = new HashMap<>();
            endpoint.triggers().forEach(trigger -> byType.put(trigger.type(), trigger));
            assertThat(byType).containsOnlyKeys("http", "cron", "durable:subscriber", "subscribe", "state", "stream",
                    "engine::functions-available", "engine::workers-available", "webhook::github");
            assertThat(config(byType.get("http"))).isEqualTo(JSON.readTree(
                    "{\"api_path\":\"/orders/:id\",\"http_method\":\"put\",\"middleware_function_ids\":[\"auth::check\",\"audit::log\"]}"));
            assertThat(byType.get("http").metadata()).isEqualTo(Map.of("source", "http"));
            assertThat(config(byType.get("cron"))).isEqualTo(JSON.readTree("{\"expression\":\"0 */5 * * * *\"}"));
            assertThat(config(byType.get("durable:subscriber"))).isEqualTo(JSON.readTree("{\"topic\":\"payments\"}"));
            assertThat(config(byType.get("subscribe"))).isEqualTo(JSON.readTree("{\"topic\":\"orders.placed\"}"));
            assertThat(config(byType.get("state"))).isEqualTo(JSON.readTree("{\"scope\":\"carts\"}"));
            assertThat(config(byType.get("stream"))).isEqualTo(JSON.readTree("{\"stream_name\":\"chat\",\"group_id\":\"room-1\"}"));
            assertThat(config(byType.get("engine::workers-available"))).isEqualTo(JSON.readTree("{}"));
            assertThat(config(byType.get("webhook::github"))).isEqualTo(JSON.readTree("{\"repo\":\"iii-hq/iii\"}"));
        });
    }

    @Test
    void aCronExpressionWithAYearIsAccepted() {
        runner.withBean("yearly", YearlyCron.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(FunctionEndpointRegistry.class).endpoints()).extracting(FunctionEndpoint::functionId)
                    .containsExactly("cron::yearly");
        });
    }

    @Test
    void mistakesTheEngineWouldRefuseOrNeverServeFailStartupNamingBeanAndMethod() {
        List.of(
                List.of("bad", UnparsableCron.class, "@CronTrigger on bad.noon has the cron expression 'every day at noon', which does not parse"),
                List.of("crontab", CrontabCron.class, "@IIITrigger(type = \"cron\") on crontab.everyFiveMinutes has the five-field cron expression"),
                List.of("fetch", UnservedMethod.class, "@HttpTrigger on fetch.fetch has the HTTP method 'FETCH', which the engine does not serve"),
                List.of("nowhere", NoPath.class, "@HttpTrigger on nowhere.nowhere has no path")).forEach(mistake ->
                        runner.withBean((String) mistake.get(0), (Class<?>) mistake.get(1)).run(context -> {
                            assertThat(context).hasFailed();
                            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining((String) mistake.get(2));
                        }));
    }
}
