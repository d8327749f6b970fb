package dev.iii.spring.test;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.spring.annotation.IIIFunction;
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
