package dev.iii.spring.test;

import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIFunction;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** An application with a main method, run the way a {@code TestMyApplication} runs one. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DevelopmentApplication {

    public static void main(String[] args) {
        SpringApplication.run(DevelopmentApplication.class, args);
    }

    static class Hello {
        @IIIFunction("hello::http")
        @HttpTrigger("/hello/:name")
        HttpTriggerResponse hello(HttpTriggerRequest<Void> request) {
            return HttpTriggerResponse.ok("hello " + request.pathParam("name"));
        }
    }

    @Bean
    Hello hello() {
        return new Hello();
    }
}
