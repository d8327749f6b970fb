package dev.iii.samples.quickstart;

import java.util.Map;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIExceptionHandler;
import dev.iii.spring.annotation.IIIFunction;
import jakarta.validation.Valid;
import org.springframework.stereotype.Service;

// docs:start
/** The orders service's HTTP API, which the engine serves: each route is a function bound to an http trigger. */
@Service
public class OrdersHttpApi {

    private final OrderFunctions orders;

    public OrdersHttpApi(OrderFunctions orders) {
        this.orders = orders;
    }

    /** A body that is not an order, or breaks its constraints, is answered 400 before this runs. */
    @IIIFunction(id = "orders::http-create", description = "POST /orders")
    @HttpTrigger(path = "/orders", method = "POST")
    public HttpTriggerResponse create(@Valid HttpTriggerRequest<CreateOrder> request) {
        return HttpTriggerResponse.status(201, orders.create(request.body()));
    }

    @IIIFunction(id = "orders::http-get", description = "GET /orders/:id")
    @HttpTrigger("/orders/:id")
    public HttpTriggerResponse get(HttpTriggerRequest<Void> request) {
        return HttpTriggerResponse.ok(orders.get(request.pathParam("id")));
    }

    /** The error codes of this bean's routes as HTTP statuses, in one place. */
    @IIIExceptionHandler
    public HttpTriggerResponse asStatus(InvocationException ex) {
        int status = switch (ex.getCode()) {
            case "out_of_stock" -> 409;
            case "order_not_found" -> 404;
            default -> 500;
        };
        return HttpTriggerResponse.status(status, Map.of("code", ex.getCode(), "message", ex.getMessage()));
    }
}
// docs:end
