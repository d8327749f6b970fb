package dev.iii.spring.docs;

import java.util.List;

import dev.iii.sdk.builtin.HttpTriggerRequest;
import dev.iii.sdk.builtin.HttpTriggerResponse;
import dev.iii.spring.annotation.HttpTrigger;
import dev.iii.spring.annotation.IIIFunction;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

/** The Bean Validation example of docs/spring-boot.md, compiled. */
@SuppressWarnings("unused")
class ValidationExamples {

    // docs:start
    record Line(@NotBlank String sku, @Positive int quantity) {}

    record PlaceOrder(@NotBlank String customer, @NotEmpty List<@Valid Line> lines) {}

    @IIIFunction("orders::place")
    String place(@Valid PlaceOrder order) {
        return "placed for " + order.customer();
    }

    @IIIFunction("orders::place-http")
    @HttpTrigger(path = "/orders", method = "POST")
    HttpTriggerResponse placeOverHttp(@Valid HttpTriggerRequest<PlaceOrder> request) {
        return HttpTriggerResponse.status(201, place(request.body()));
    }
    // docs:end
}
