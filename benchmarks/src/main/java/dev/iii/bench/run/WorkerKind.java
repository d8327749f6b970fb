package dev.iii.bench.run;

import dev.iii.bench.party.HandlerThreads;

/** The echo workers compared, each its own process. */
public enum WorkerKind {

    RAW("raw", "floor: raw WebSocket", null, null),
    SDK("sdk", "iii-sdk", null, HandlerThreads.POOL),
    SDK_NON_BLOCKING("sdk-nb", "iii-sdk, nonBlocking", null, HandlerThreads.NON_BLOCKING),
    SDK_VIRTUAL("sdk-vt", "iii-sdk, virtual threads", null, HandlerThreads.VIRTUAL),
    SPRING("spring", "Spring @IIIFunction", null, HandlerThreads.POOL),
    SPRING_NON_BLOCKING("spring-nb", "Spring, nonBlocking", null, HandlerThreads.NON_BLOCKING),
    SPRING_VIRTUAL("spring-vt", "Spring, virtual threads", null, HandlerThreads.VIRTUAL),
    NODE("node", "Node iii-sdk", NodeCompression.OFF, null),
    NODE_DEFLATE("node-deflate", "Node iii-sdk, deflate", NodeCompression.OFFERED, null);

    private final String key;
    private final String label;
    private final NodeCompression compression;
    private final HandlerThreads handlers;

    WorkerKind(String key, String label, NodeCompression compression, HandlerThreads handlers) {
        this.key = key;
        this.label = label;
        this.compression = compression;
        this.handlers = handlers;
    }

    /** Short name used in function ids, process names and file names. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** For a Node worker, how its WebSocket runs; {@code null} for a Java one. */
    public NodeCompression compression() {
        return compression;
    }

    /** For an SDK or Spring worker, where its handler runs; {@code null} for the floor and Node. */
    public HandlerThreads handlers() {
        return handlers;
    }

    /** The function this worker serves. */
    public String functionId() {
        return "bench::echo-" + key;
    }
}
