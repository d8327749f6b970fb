package dev.iii.samples.quickstart;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.annotation.IIITrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The orders worker's functions, and the HTTP API the engine serves for them. */
@Service
public class OrderFunctions {

    private static final Logger log = LoggerFactory.getLogger(OrderFunctions.class);

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Inventory inventory;
    private final Notifications notifications;

    public OrderFunctions(Inventory inventory, Notifications notifications) {
        this.inventory = inventory;
        this.notifications = notifications;
    }

    // docs:start
    /** Places an order; the inventory must hold its stock first, so {@code out_of_stock} reaches the caller. */
    @IIIFunction(id = "orders::create", description = "Place an order")
    public Order create(CreateOrder request) {
        if (request.customer() == null || request.customer().isBlank() || request.lines() == null
                || request.lines().isEmpty()) {
            throw new InvocationException("invalid_order", "An order needs a customer and at least one line");
        }
        String id = "ord-" + UUID.randomUUID().toString().substring(0, 8);
        inventory.reserve(new ReserveStock(id, request.lines()));
        Order order = new Order(id, request.customer(), List.copyOf(request.lines()), "RESERVED", Instant.now());
        orders.put(id, order);
        notifications.orderPlaced(order);
        return order;
    }
    // docs:end

    @IIIFunction(id = "orders::get", description = "Look an order up")
    public Order get(String id) {
        Order order = orders.get(id);
        if (order == null) {
            throw new InvocationException("order_not_found", "No order " + id);
        }
        return order;
    }

    // docs:start
    @IIIFunction(id = "orders::http-create", description = "POST /orders")
    @IIITrigger(type = "http", config = { "api_path=/orders", "http_method=POST" })
    public HttpTriggerResponse createOverHttp(HttpTriggerRequest<CreateOrder> request) {
        if (request.body() == null) {
            return HttpTriggerResponse.status(400, Map.of("code", "invalid_order", "message", "Send a JSON order"));
        }
        try {
            return HttpTriggerResponse.status(201, create(request.body()));
        }
        catch (InvocationException ex) {
            int status = ex.getCode().equals("out_of_stock") ? 409 : 400;
            return HttpTriggerResponse.status(status, Map.of("code", ex.getCode(), "message", ex.getMessage()));
        }
    }
    // docs:end

    @IIIFunction(id = "orders::http-get", description = "GET /orders/:id")
    @IIITrigger(type = "http", config = { "api_path=/orders/:id", "http_method=GET" })
    public HttpTriggerResponse getOverHttp(HttpTriggerRequest<Void> request) {
        try {
            return HttpTriggerResponse.ok(get(request.pathParam("id")));
        }
        catch (InvocationException ex) {
            return HttpTriggerResponse.status(404, Map.of("code", ex.getCode(), "message", ex.getMessage()));
        }
    }

    @IIIFunction(id = "orders::report", description = "Logs how many orders there are, every minute")
    @IIITrigger(type = "cron", config = "expression=0 * * * * *")
    public void report() {
        log.info("{} order(s) placed so far", orders.size());
    }
}
