package dev.iii.spring.autoconfigure;

import dev.iii.sdk.WorkerOptions;

/**
 * Changes the worker's options after the properties are applied; beans of this type run in {@code @Order}
 * order.
 */
@FunctionalInterface
public interface IIIWorkerOptionsCustomizer {

    void customize(WorkerOptions.Builder builder);
}
