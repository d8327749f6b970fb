package dev.iii.sdk.internal.routing;

import dev.iii.protocol.FrameHead;
import dev.iii.protocol.InvocationResult;
import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.Message;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.RegistrationRejected;
import dev.iii.protocol.TriggerRegistrationResult;
import dev.iii.protocol.UnknownMessage;
import dev.iii.protocol.UnregisterTrigger;
import dev.iii.sdk.internal.calls.OutboundCalls;
import dev.iii.sdk.internal.providers.BindingOffers;
import dev.iii.sdk.internal.registry.Registry;
import dev.iii.sdk.internal.serving.InvocationServer;
import dev.iii.sdk.internal.session.LinkFrames;
import dev.iii.sdk.internal.transport.EngineLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each frame the session does not handle itself to the part whose business it is (§4.4): invocations to
 * the server, results to the calls, binding offers to the providers, the engine's verdicts on registrations
 * to the registry. Runs on the socket's thread and only hands on.
 */
public final class FrameRouter implements LinkFrames {

    private static final Logger log = LoggerFactory.getLogger(FrameRouter.class);

    private final InvocationServer server;
    private final OutboundCalls calls;
    private final BindingOffers offers;
    private final Registry registry;

    public FrameRouter(InvocationServer server, OutboundCalls calls, BindingOffers offers, Registry registry) {
        this.server = server;
        this.calls = calls;
        this.offers = offers;
        this.registry = registry;
    }

    @Override
    public void route(EngineLink link, Message message) {
        if (message instanceof InvokeFunction invoke) {
            server.invoked(link, invoke);
        }
        else if (message instanceof InvocationResult result) {
            calls.complete(result);
        }
        else if (message instanceof RegisterTrigger offer) {
            offers.offered(link, offer);
        }
        else if (message instanceof UnregisterTrigger withdrawal) {
            offers.withdrawn(withdrawal);
        }
        else if (message instanceof TriggerRegistrationResult result) {
            registry.triggerResult(result);
        }
        else if (message instanceof RegistrationRejected rejected) {
            registry.rejected(rejected);
        }
        else if (message instanceof UnknownMessage unknown) {
            log.debug("ignored a frame of unknown type {}", unknown.type());
        }
        else {
            log.debug("ignored an unexpected {} from the engine", message.getClass().getSimpleName());
        }
    }

    @Override
    public void undecodable(EngineLink link, FrameHead head, String reason) {
        server.undecodable(link, head, reason);
    }
}
