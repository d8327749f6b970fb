package dev.iii.sdk.internal.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.iii.protocol.RawJson;
import dev.iii.sdk.internal.transport.EngineLink;

/** Sends the metadata call on a link and completes when it is answered, whatever the answer. */
public interface MetadataCall {

    CompletableFuture<?> send(EngineLink link, String functionId, RawJson payload, Duration timeout);
}
