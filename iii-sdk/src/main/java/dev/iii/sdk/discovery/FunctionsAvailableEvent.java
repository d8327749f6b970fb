package dev.iii.sdk.discovery;

import java.util.List;

/**
 * A change in the engine's set of functions ({@code engine::functions-available}).
 *
 * @param event     {@code functions_changed}
 * @param functions every function now registered, {@code engine::*} included, in no particular order
 */
public record FunctionsAvailableEvent(String event, List<FunctionInfo> functions) {
}
