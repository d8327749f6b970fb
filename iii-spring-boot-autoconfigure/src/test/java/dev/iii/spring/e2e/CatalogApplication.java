package dev.iii.spring.e2e;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.sdk.discovery.WorkersAvailableEvent;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIAdvice;
import dev.iii.spring.annotation.IIIExceptionHandler;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.annotation.IIIFunctionConfigurer;
import dev.iii.spring.annotation.WorkersAvailableTrigger;
import dev.iii.spring.endpoint.FunctionEndpoint;
import dev.iii.spring.endpoint.FunctionMethodInvoker;
import dev.iii.spring.endpoint.IIIMessageHandlerMethodFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;
import tools.jackson.databind.json.JsonMapper;

/**
 * Functions for the catalog tests: one registered from code, one with a parameter a custom resolver binds,
 * exception handlers on the bean and on advice beans, validated payloads and an {@code http} function.
 */
@Configuration(proxyBeanMethods = false)
class CatalogApplication {

    record Line(@NotBlank String sku, @Positive int quantity) {
    }

    record PlaceOrder(@NotBlank String customer, @NotEmpty List<@Valid Line> lines) {
    }

    /** Only checked when the function asks for this group. */
    interface Strict {
    }

    record Coupon(@NotBlank(groups = Strict.class) String code) {
    }

    static class OutOfStockException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfStockException(String sku) {
            super("no " + sku + " left");
        }
    }

    static class PaymentDeclinedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PaymentDeclinedException(Throwable cause) {
            super("payment declined", cause);
        }
    }

    static class Orders {
        @IIIFunction("orders::place")
        String place(@Valid PlaceOrder order) {
            if (order.lines().stream().anyMatch(line -> line.sku().equals("C3"))) {
                throw new OutOfStockException("C3");
            }
            if (order.customer().equals("mallory")) {
                throw new PaymentDeclinedException(new IllegalArgumentException("card expired"));
            }
            if (order.customer().equals("late")) {
                throw new IllegalStateException("the shop is closed");
            }
            return "placed for " + order.customer();
        }

        @IIIFunction("orders::place-http")
        @HttpTrigger(path = "/orders", method = "POST")
        HttpTriggerResponse placeOverHttp(@Valid HttpTriggerRequest<PlaceOrder> request) {
            return HttpTriggerResponse.status(201, Map.of("message", place(request.body())));
        }

        @IIIFunction("coupons::lenient")
        String lenient(@Valid Coupon coupon) {
            return "ok";
        }

        @IIIFunction("coupons::strict")
        String strict(@Validated(Strict.class) Coupon coupon) {
            return "ok";
        }

        @IIIFunction("orders::unvalidated")
        String unvalidated(PlaceOrder order) {
            return "taken";
        }

        /** This bean's own handler: tried before any advice. */
        @IIIExceptionHandler
        InvocationException closed(IllegalStateException ex, InvocationContext context) {
            return new InvocationException("shop_closed", ex.getMessage() + " (" + context.functionId() + ")");
        }
    }

    /** An http API whose own handler takes every InvocationException, yet never a payload it cannot take. */
    static class CouponApi {
        @IIIFunction("coupons::redeem")
        @HttpTrigger(path = "/coupons", method = "POST")
        HttpTriggerResponse redeem(HttpTriggerRequest<Coupon> request) {
            throw new InvocationException("coupon_expired", "expired");
        }

        @IIIExceptionHandler
        HttpTriggerResponse anyError(InvocationException ex) {
            return HttpTriggerResponse.status(410, Map.of("code", ex.getCode()));
        }
    }

    /** Maps an exception to an error code for every function; an answer for http functions. */
    @IIIAdvice
    @Order(1)
    static class ErrorCodes {
        @IIIExceptionHandler
        Object outOfStock(OutOfStockException ex, InvocationContext context) {
            if (context.functionId().equals("orders::place-http")) {
                return HttpTriggerResponse.status(409, Map.of("code", "out_of_stock"));
            }
            return new InvocationException("out_of_stock", ex.getMessage());
        }
    }

    /** Tried after {@link ErrorCodes}: handles what it leaves, matching the cause too. */
    @IIIAdvice
    @Order(2)
    static class Fallbacks {
        @IIIExceptionHandler
        InvocationException cause(IllegalArgumentException ex) {
            return new InvocationException("declined_by_cause", ex.getMessage());
        }
    }

    /** A function nobody annotated: the pricing rules of a library. */
    static class PriceList {
        int price(String sku) {
            return sku.length() * 100;
        }
    }

    /** Binds parameters named {@code tenant} from the invocation's metadata. */
    static class TenantResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return "tenant".equals(parameter.getParameterName()) && parameter.getParameterType() == String.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, Message<?> message) {
            InvocationContext context = (InvocationContext) message.getHeaders().get(FunctionMethodInvoker.CONTEXT_HEADER);
            return context.metadata() == null ? "none" : context.metadata().get("tenant").asString();
        }
    }

    /** Hears of every worker that comes and goes, bound from the engine's snake_case event. */
    static class Fleet {
        static final List<WorkersAvailableEvent> EVENTS = new CopyOnWriteArrayList<>();

        @IIIFunction("fleet::watch")
        @WorkersAvailableTrigger
        void watch(WorkersAvailableEvent event) {
            EVENTS.add(event);
        }
    }

    static class Greetings {
        @IIIFunction("greetings::hello")
        String hello(String name, String tenant) {
            return "hello " + name + " from " + tenant;
        }
    }

    @Bean
    Orders orders() {
        return new Orders();
    }

    @Bean
    ErrorCodes errorCodes() {
        return new ErrorCodes();
    }

    @Bean
    Fallbacks fallbacks() {
        return new Fallbacks();
    }

    @Bean
    CouponApi couponApi() {
        return new CouponApi();
    }

    @Bean
    Fleet fleet() {
        return new Fleet();
    }

    @Bean
    Greetings greetings() {
        return new Greetings();
    }

    @Bean
    PriceList priceList() {
        return new PriceList();
    }

    @Bean
    IIIFunctionConfigurer priceListFunction(PriceList prices) {
        return registrar -> registrar.registerEndpoint(FunctionEndpoint.of("prices::of", prices,
                ReflectionUtils.findMethod(PriceList.class, "price", String.class)).withDescription("Price of a SKU"));
    }

    @Bean
    IIIFunctionConfigurer tenantParameters(JsonMapper mapper, Validator validator) {
        return registrar -> {
            IIIMessageHandlerMethodFactory methods = new IIIMessageHandlerMethodFactory(mapper);
            methods.setCustomArgumentResolvers(List.of(new TenantResolver()));
            methods.setValidator(validator);
            registrar.setMessageHandlerMethodFactory(methods);
        };
    }
}
