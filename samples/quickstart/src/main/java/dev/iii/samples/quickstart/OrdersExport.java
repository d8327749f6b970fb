package dev.iii.samples.quickstart;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.http.StreamingHttpResponse;
import org.springframework.stereotype.Service;

/** Every order as CSV, streamed through the engine as it is written: no buffer, however many orders there are. */
@Service
public class OrdersExport {

    private final OrderFunctions orders;

    public OrdersExport(OrderFunctions orders) {
        this.orders = orders;
    }

    @IIIFunction(id = "orders::http-export", description = "GET /exports/orders")
    @HttpTrigger("/exports/orders")
    public StreamingHttpResponse export(HttpTriggerRequest<Void> request) {
        return StreamingHttpResponse.ok(out -> {
            Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            csv.write("id,customer,status,created_at\n");
            for (Order order : orders.all()) {
                csv.write(order.id() + "," + order.customer() + "," + order.status() + "," + order.createdAt() + "\n");
            }
            csv.flush();
        }).withHeader("Content-Type", "text/csv");
    }
}
