package dev.iii.bench.run;

/**
 * How a Node process's WebSocket runs. The Node SDK offers {@code permessage-deflate}; the real engine refuses
 * it, the embedded engine (today) accepts it.
 */
public enum NodeCompression {

    /** The offer is removed from the upgrade request: uncompressed, as on the real engine. */
    OFF("off", "compression off, as on the real engine"),
    /** The SDK as it ships: it offers {@code permessage-deflate}, and what the engine answers decides. */
    OFFERED("on", "permessage-deflate offered");

    private final String environmentValue;
    private final String description;

    NodeCompression(String environmentValue, String description) {
        this.environmentValue = environmentValue;
        this.description = description;
    }

    /** The value of {@code BENCH_WS_COMPRESSION} for the Node scripts. */
    public String environmentValue() {
        return environmentValue;
    }

    public String description() {
        return description;
    }
}
