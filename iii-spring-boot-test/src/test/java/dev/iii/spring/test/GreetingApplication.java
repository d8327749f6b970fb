package dev.iii.spring.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.CronTick;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.spring.annotation.CronTrigger;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.annotation.IIIMetadata;
import dev.iii.spring.annotation.QueueTrigger;
import dev.iii.spring.annotation.IIITrigger;
import dev.iii.spring.client.IIITemplate;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The application the test support is tested with. Its iii.url points nowhere: the test engine must win. */
@SpringBootConfiguration
@EnableAutoConfiguration
class GreetingApplication {

    record Greeting(String text) {
    }

    static class Greeter {
        private final IIITemplate iii;

        Greeter(IIITemplate iii) {
            this.iii = iii;
        }

        @IIIFunction(id = "greeter::greet")
        Greeting greet(String name) {
            if (name.isBlank()) {
                throw new InvocationException("no_name", "Whom should I greet?");
            }
            return new Greeting("hello " + name);
        }

        @IIIFunction(id = "greeter::http")
        @IIITrigger(type = "http", config = { "api_path=/greet/:name", "http_method=GET" })
        HttpTriggerResponse greetOverHttp(HttpTriggerRequest<Void> request) {
            return HttpTriggerResponse.ok(greet(request.pathParam("name")));
        }

        /** Greetings said so far, by the cron and queue functions. */
        final List<String> said = new CopyOnWriteArrayList<>();

        @IIIFunction("greeter::morning")
        @CronTrigger(expression = "0 0 6 * * *", metadata = "audience=everyone")
        void morning(CronTick tick, @IIIMetadata Map<String, String> metadata) {
            said.add("good morning at " + tick.scheduledTime().toLocalTime() + " to " + metadata.get("audience"));
        }

        @IIIFunction("greeter::on-arrival")
        @QueueTrigger("arrivals")
        void onArrival(Greeting arrival) {
            if (arrival.text().isBlank()) {
                throw new InvocationException("nobody_arrived", "An arrival needs a name");
            }
            said.add("welcome " + arrival.text());
        }

        @IIIFunction("greeter::many")
        List<Greeting> many(List<String> names, @IIIMetadata Map<String, String> metadata) {
            String prefix = metadata == null ? "hello" : metadata.get("salutation");
            return names.stream().map(name -> new Greeting(prefix + " " + name)).toList();
        }

        /** Asks another worker (stubbed in the tests) how to say it. */
        @IIIFunction(id = "greeter::polite")
        Greeting polite(String name) {
            String salutation = iii.function("etiquette::salutation").payload(name).retrieve(String.class);
            return new Greeting(salutation + " " + name);
        }
    }

    @Bean
    Greeter greeter(IIITemplate iii) {
        return new Greeter(iii);
    }
}
