package dev.iii.spring.docs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

import dev.iii.sdk.function.InvocationContext;
import dev.iii.sdk.trigger.TriggerRequest;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.annotation.IIIFunctionConfigurer;
import dev.iii.spring.annotation.IIITrigger;
import dev.iii.spring.annotation.TriggerConfigKey;
import dev.iii.spring.endpoint.FunctionEndpoint;
import dev.iii.spring.endpoint.FunctionMethodInvoker;
import dev.iii.spring.endpoint.IIIMessageHandlerMethodFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

/** The configurer and composed-annotation examples of docs/spring-boot.md, compiled. */
@SuppressWarnings("unused")
class ConfigurerExamples {

    record QuoteRequest(String sku) {}

    /** A library class nobody can annotate. */
    static class PriceList {
        int quote(QuoteRequest request) {
            return 100;
        }
    }

    /** Binds a {@code String tenant} parameter from the invocation's metadata. */
    static class TenantArgumentResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return "tenant".equals(parameter.getParameterName()) && parameter.getParameterType() == String.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, Message<?> message) {
            InvocationContext context = (InvocationContext) message.getHeaders().get(FunctionMethodInvoker.CONTEXT_HEADER);
            return context.metadata() == null ? null : context.metadata().path("tenant").asString(null);
        }
    }

    // docs:start
    @Configuration(proxyBeanMethods = false)
    class PricingFunctions {

        @Bean
        IIIFunctionConfigurer priceListFunctions(PriceList prices) {
            return registrar -> registrar.registerEndpoint(
                    FunctionEndpoint.of("prices::quote", prices,
                                    ReflectionUtils.findMethod(PriceList.class, "quote", QuoteRequest.class))
                            .withDescription("Price of a SKU")
                            .withTrigger(TriggerRequest.of("http", "prices::quote",
                                    Map.of("api_path", "/prices", "http_method", "POST"))));
        }
    }
    // docs:end

    // docs:start
    @Bean
    IIIFunctionConfigurer tenantParameters(JsonMapper mapper, Validator validator) {
        return registrar -> {
            IIIMessageHandlerMethodFactory methods = new IIIMessageHandlerMethodFactory(mapper);
            methods.setCustomArgumentResolvers(List.of(new TenantArgumentResolver()));
            methods.setValidator(validator);
            registrar.setMessageHandlerMethodFactory(methods);
        };
    }
    // docs:end

    // docs:start
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @IIITrigger(type = "webhook::github")
    @interface GitHubWebhook {

        @TriggerConfigKey("repo")
        String repo();

        @TriggerConfigKey("events")
        String[] events() default {"push"};
    }

    @IIIFunction("ci::on-push")
    @GitHubWebhook(repo = "iii-hq/iii")
    void onPush(Map<String, Object> event) {
    }
    // docs:end
}
