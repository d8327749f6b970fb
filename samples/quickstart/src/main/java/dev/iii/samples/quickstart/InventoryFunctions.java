package dev.iii.samples.quickstart;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIFunction;
import org.springframework.stereotype.Service;

/** The inventory worker's functions: stock levels and reservations, in memory. */
@Service
public class InventoryFunctions {

    private final Map<String, Integer> stock = new ConcurrentHashMap<>(Map.of("A1", 100, "B2", 20, "C3", 0));

    /** All or nothing: either every line is held, or none is and the caller gets {@code out_of_stock}. */
    @IIIFunction(id = "inventory::reserve", description = "Hold stock for the lines of an order")
    public synchronized Reservation reserve(ReserveStock request) {
        for (OrderLine line : request.lines()) {
            int available = stock.getOrDefault(line.sku(), 0);
            if (available < line.quantity()) {
                throw new InvocationException("out_of_stock",
                        "Only " + available + " of " + line.sku() + " left, " + line.quantity() + " ordered");
            }
        }
        int units = 0;
        for (OrderLine line : request.lines()) {
            stock.merge(line.sku(), -line.quantity(), Integer::sum);
            units += line.quantity();
        }
        return new Reservation(request.orderId(), units);
    }

    /** A map lookup that never waits, so the worker serves it on the thread that reads the engine's frames. */
    @IIIFunction(id = "inventory::stock", description = "Units in stock for a SKU", nonBlocking = "true")
    @HttpTrigger("/inventory/:sku")
    public HttpTriggerResponse stock(HttpTriggerRequest<Void> request) {
        String sku = request.pathParam("sku");
        Integer units = stock.get(sku);
        if (units == null) {
            return HttpTriggerResponse.status(404, Map.of("error", "unknown SKU " + sku));
        }
        return HttpTriggerResponse.ok(Map.of("sku", sku, "units", units));
    }
}
