package dev.iii.spring.docs;

// docs:start
import java.util.Map;

import dev.iii.sdk.InvocationException;
import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.sdk.function.InvocationContext;
import dev.iii.spring.annotation.CronTrigger;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIFunction;
import dev.iii.spring.annotation.IIIMetadata;
import org.springframework.stereotype.Service;

@Service
public class ShippingService {

    public record Parcel(String orderId, double weightKg) {}
    public record Label(String orderId, String carrier, String trackingNumber) {}

    @IIIFunction(id = "shipping::label", description = "Create a shipping label")
    public Label label(Parcel parcel, InvocationContext context, @IIIMetadata Map<String, String> metadata) {
        if (parcel.weightKg() > 30) {
            throw new InvocationException("too_heavy", "Parcels above 30 kg need freight");
        }
        return new Label(parcel.orderId(), parcel.weightKg() < 2 ? "post" : "courier", "T-" + context.invocationId());
    }

    @IIIFunction("shipping::label-http")
    @HttpTrigger(path = "/shipping/labels", method = "POST")
    public HttpTriggerResponse labelOverHttp(HttpTriggerRequest<Parcel> request, InvocationContext context) {
        return HttpTriggerResponse.status(201, label(request.body(), context, null));
    }

    @IIIFunction("shipping::sweep")
    @CronTrigger("0 */5 * * * *")
    public void sweep() {
        // runs every five minutes
    }
}
// docs:end
