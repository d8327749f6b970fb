package dev.iii.sdk.channel;

import tools.jackson.databind.ObjectReader;

/**
 * Turns channel refs into ends of this worker. The worker binds the refs inside payloads and call results with
 * it: a {@link ChannelReader} or {@link ChannelWriter} parameter or record component receives a live end, as the
 * Node SDK converts refs in a handler's input. Ends open lazily, on first use, so an end that is only passed on
 * is never opened here.
 * <p>
 * {@code InvocationContext.channels()} is the opener of one invocation: within it, the same ref always gives the
 * same end.
 */
public interface ChannelOpener {

    /** The read end named by {@code ref}; opened on first use. */
    ChannelReader reader(ChannelRef ref);

    /** The write end named by {@code ref}; opened on first use. */
    ChannelWriter writer(ChannelRef ref);

    /**
     * {@code reader} set up to bind channel refs to ends of this opener (Jackson reads it from the
     * deserialization context's attributes); for frameworks that bind payloads with a mapper of their own.
     */
    default ObjectReader bindingRefs(ObjectReader reader) {
        return reader.withAttribute(ChannelOpener.class, this);
    }
}
