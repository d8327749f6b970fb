package dev.iii.bench.run;

/** The echo workers compared, each its own process. */
public enum WorkerKind {

    RAW("raw", "floor: raw WebSocket", null),
    SDK("sdk", "iii-sdk", null),
    SDK_NON_BLOCKING("sdk-nb", "iii-sdk, nonBlocking", null),
    SPRING("spring", "Spring @IIIFunction", null),
    SPRING_NON_BLOCKING("spring-nb", "Spring, nonBlocking", null),
    NODE("node", "Node iii-sdk", NodeCompression.OFF),
    NODE_DEFLATE("node-deflate", "Node iii-sdk, deflate", NodeCompression.OFFERED);

    private final String key;
    private final String label;
    private final NodeCompression compression;

    WorkerKind(String key, String label, NodeCompression compression) {
        this.key = key;
        this.label = label;
        this.compression = compression;
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

    /** The function this worker serves. */
    public String functionId() {
        return "bench::echo-" + key;
    }
}
