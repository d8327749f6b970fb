package dev.iii.samples.quickstart;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.iii.sdk.InvocationException;
import dev.iii.spring.annotation.CronTrigger;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.client.IIITemplate;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The orders worker's functions. */
@Service
public class OrderFunctions {

    private static final Logger log = LoggerFactory.getLogger(OrderFunctions.class);

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Inventory inventory;
    private final IIITemplate iii;

    public OrderFunctions(Inventory inventory, IIITemplate iii) {
        this.inventory = inventory;
        this.iii = iii;
    }

    // docs:start
    /**
     * Places an order; the inventory must hold its stock first, so {@code out_of_stock} reaches the caller. A
     * request without a customer or lines is refused with {@code invalid_request} before this runs.
     */
    @IIIFunction(id = "orders::create", description = "Place an order")
    public Order create(@Valid CreateOrder request) {
        String id = "ord-" + UUID.randomUUID().toString().substring(0, 8);
        inventory.reserve(new ReserveStock(id, request.lines()));
        Order order = new Order(id, request.customer(), List.copyOf(request.lines()), "RESERVED", Instant.now());
        orders.put(id, order);
        // Whoever serves it (the polyglot sample's Node worker, for one); nothing comes back.
        iii.function("notifications::order-placed").payload(order).callVoid();
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

    /** The orders placed so far, in no particular order. */
    public Collection<Order> all() {
        return List.copyOf(orders.values());
    }

    @IIIFunction(id = "orders::report", description = "Logs how many orders there are, every minute")
    @CronTrigger("0 * * * * *")
    public int report() {
        log.info("{} order(s) placed so far", orders.size());
        return orders.size();
    }
}
