package dev.iii.sdk.internal.session;

import dev.iii.protocol.FrameHead;
import dev.iii.protocol.Message;
import dev.iii.sdk.internal.transport.EngineLink;

/** Where the session hands the frames of a link that are not its own business. */
public interface LinkFrames {

    void route(EngineLink link, Message message);

    void undecodable(EngineLink link, FrameHead head, String reason);
}
