package dev.iii.samples.quickstart;

import dev.iii.spring.client.FunctionCall;
import dev.iii.spring.client.IIIClient;

/**
 * Announces placed orders to whichever worker serves {@code notifications::order-placed}: the polyglot
 * sample's Node worker, for one. Fire and forget: with nobody serving it, the engine drops the call.
 */
@IIIClient
public interface Notifications {

    @FunctionCall(value = "notifications::order-placed", fireAndForget = true)
    void orderPlaced(Order order);
}
