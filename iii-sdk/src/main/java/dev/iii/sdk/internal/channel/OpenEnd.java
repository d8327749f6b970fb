package dev.iii.sdk.internal.channel;

import dev.iii.sdk.channel.ChannelRef;

/** A channel end of this worker, as the worker keeps track of it. */
interface OpenEnd {

    ChannelRef ref();

    /** Whether it has been used (opened, or opening): such an end can no longer be passed on. */
    boolean isOpened();

    /** Ends it at once, because the worker shuts down. */
    void abort();
}
