package dev.iii.spring.docs;

import java.util.Map;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIAdvice;
import dev.iii.spring.annotation.IIIExceptionHandler;
import dev.iii.spring.annotation.IIIFunction;

/** The exception-mapping examples of docs/spring-boot.md, compiled. */
@SuppressWarnings("unused")
class ExceptionMappingExamples {

    static class OutOfStockException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfStockException(String sku) {
            super("no " + sku + " left");
        }
    }

    static class PaymentDeclinedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    // docs:start
    @IIIAdvice
    class ErrorCodes {

        @IIIExceptionHandler
        InvocationException outOfStock(OutOfStockException ex) {
            return new InvocationException("out_of_stock", ex.getMessage());
        }

        @IIIExceptionHandler(PaymentDeclinedException.class)
        InvocationException declined() {
            return new InvocationException("payment_declined", "The card was declined");
        }
    }
    // docs:end

    record Order(String id) {}

    // docs:start
    class OrdersHttpApi {

        @IIIFunction("orders::http-get")
        @HttpTrigger("/orders/:id")
        HttpTriggerResponse get(HttpTriggerRequest<Void> request) {
            throw new InvocationException("order_not_found", "No order " + request.pathParam("id"));
        }

        /** Only this bean's functions: its error codes as HTTP statuses. */
        @IIIExceptionHandler
        HttpTriggerResponse asStatus(InvocationException ex) {
            int status = ex.getCode().equals("order_not_found") ? 404 : 500;
            return HttpTriggerResponse.status(status, Map.of("code", ex.getCode()));
        }
    }
    // docs:end
}
