package dev.iii.bench.run;

/** The callers compared, each its own process. */
public enum CallerKind {

    RAW("raw", "raw caller", null),
    SDK("sdk", "iii-sdk call()", null),
    NODE("node", "Node trigger()", NodeCompression.OFF),
    NODE_DEFLATE("node-deflate", "Node trigger(), deflate", NodeCompression.OFFERED);

    private final String key;
    private final String label;
    private final NodeCompression compression;

    CallerKind(String key, String label, NodeCompression compression) {
        this.key = key;
        this.label = label;
        this.compression = compression;
    }

    /** Short name used in process names and file names. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** For a Node caller, how its WebSocket runs; {@code null} for a Java one. */
    public NodeCompression compression() {
        return compression;
    }
}
