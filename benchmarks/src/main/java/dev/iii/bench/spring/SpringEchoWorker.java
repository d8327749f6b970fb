package dev.iii.bench.spring;

import java.time.Duration;
import java.util.Map;

import dev.iii.bench.party.ControlChannel;
import dev.iii.sdk.IIIWorker;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot echo worker: an application with the starter's defaults and one {@code @IIIFunction}
 * ({@link EchoFunction}, declared non-blocking with {@code --bench.non-blocking=true}), no web server. With
 * Spring Boot's {@code --spring.threads.virtual.enabled=true} (Java 21 and later) the starter's
 * {@code iiiTaskExecutor} runs each invocation on a virtual thread.
 * <p>
 * {@code java ... SpringEchoWorker --iii.url=ENGINE_URL --bench.function-id=FUNCTION_ID [--bench.non-blocking=true]
 * [--spring.threads.virtual.enabled=true]}
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SpringEchoWorker {

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringEchoWorker.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .run(args);
        IIIWorker worker = context.getBean(IIIWorker.class);
        if (!worker.awaitConnected(Duration.ofSeconds(30))) {
            throw new IllegalStateException("not connected after 30 s: " + worker.connectionState());
        }
        ControlChannel.reply("ready", Map.of());
        new ControlChannel().serve(context::close);
    }
}
