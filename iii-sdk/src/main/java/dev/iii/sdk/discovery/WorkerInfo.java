package dev.iii.sdk.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code engine::workers::list}, in the engine's snake_case. Text members are {@code null} when
 * the worker did not say; the engine sends every member.
 *
 * @param name              worker name
 * @param description       worker description
 * @param version           SDK version the worker reported
 * @param id                the engine's id for the connection
 * @param namespace         the worker's namespace
 * @param runtime           {@code java}, {@code node}, ... ({@code engine} for in-process workers)
 * @param os                operating system the worker reported
 * @param status            {@code connected}, or {@code available} for in-process workers
 * @param functionCount     functions the worker registered
 * @param connectedAtMs     connection time, Unix milliseconds
 * @param activeInvocations invocations in flight to the worker
 * @param isolation         isolation the worker reported
 * @param ipAddress         peer address of the connection
 */
public record WorkerInfo(String name, String description, String version, String id, String namespace,
        String runtime, String os, String status, @JsonProperty("function_count") long functionCount,
        @JsonProperty("connected_at_ms") long connectedAtMs, @JsonProperty("active_invocations") long activeInvocations,
        String isolation, @JsonProperty("ip_address") String ipAddress) {
}
