package dev.iii.sdk.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A change in the engine's set of workers ({@code engine::workers-available}).
 *
 * @param event    {@code worker_connected}, {@code worker_metadata_updated} or {@code worker_disconnected}
 * @param workerId the worker concerned
 */
public record WorkersAvailableEvent(String event, @JsonProperty("worker_id") String workerId) {
}
