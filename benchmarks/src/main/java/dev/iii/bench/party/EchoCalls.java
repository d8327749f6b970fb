package dev.iii.bench.party;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/** How one caller implementation calls an echo function. */
interface EchoCalls {

    /** One call, completing with the function's result. */
    CompletableFuture<JsonNode> callOnce(String functionId, String payloadJson);

    /**
     * The calls of a load: the payload is prepared once, as a user of this caller would hold it, and each
     * {@code get()} issues one call.
     */
    Supplier<CompletableFuture<?>> calls(String functionId, String payloadJson);
}
