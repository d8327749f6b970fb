package dev.iii.engine;

/**
 * One of the engine's own workers as it appears in {@code engine::workers::list}: the real engine lists its
 * in-process modules with {@code runtime:"engine"} and {@code status:"available"}.
 *
 * @param id          stable id for this engine instance
 * @param name        e.g. {@code http}
 * @param description shown in listings
 * @param startedAtMs when the engine started
 */
record InProcessWorker(String id, String name, String description, long startedAtMs) {

    /** Version reported for the engine's own workers. */
    static final String ENGINE_VERSION = "0.1.0-embedded";
}
