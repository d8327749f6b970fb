package dev.iii.samples.quickstart;

import dev.iii.spring.client.FunctionCall;
import dev.iii.spring.client.IIIClient;

// docs:start
/** The inventory's functions, called through the engine: it could as well be a Node or Python worker. */
@IIIClient(timeout = "5s")
public interface Inventory {

    @FunctionCall("inventory::reserve")
    Reservation reserve(ReserveStock request);
}
// docs:end
