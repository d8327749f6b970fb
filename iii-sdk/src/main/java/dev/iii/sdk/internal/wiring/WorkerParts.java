package dev.iii.sdk.internal.wiring;

import java.util.ArrayList;
import java.util.List;

import dev.iii.sdk.WorkerOptions;
import dev.iii.sdk.WorkerStatistics;
import dev.iii.sdk.internal.binding.PayloadBinder;
import dev.iii.sdk.internal.calls.OutboundCalls;
import dev.iii.sdk.internal.calls.OwnerRetry;
import dev.iii.sdk.internal.channel.ChannelEnds;
import dev.iii.sdk.internal.discovery.Discovery;
import dev.iii.sdk.internal.discovery.FunctionAvailability;
import dev.iii.sdk.internal.discovery.RegistrationCheck;
import dev.iii.sdk.internal.providers.BindingFires;
import dev.iii.sdk.internal.providers.BindingOffers;
import dev.iii.sdk.internal.registry.RegistrationProblems;
import dev.iii.sdk.internal.registry.Registrations;
import dev.iii.sdk.internal.registry.Registry;
import dev.iii.sdk.internal.routing.FrameRouter;
import dev.iii.sdk.internal.serving.InvocationServer;
import dev.iii.sdk.internal.session.EngineSession;
import dev.iii.sdk.internal.session.Redaction;
import dev.iii.sdk.internal.session.WorkerMetadata;
import dev.iii.sdk.internal.shutdown.WorkerShutdown;
import dev.iii.sdk.internal.telemetry.MetricsReporter;
import dev.iii.sdk.internal.threads.WorkerThreads;
import dev.iii.sdk.internal.transport.ConnectionListener;
import dev.iii.sdk.internal.transport.WebSocketConnector;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of one worker, each made once and handed the parts it uses, so that dependencies run one way:
 * transport, then the parts that use a link (registry, calls, channels, serving, providers), then discovery and
 * the frame router, then the session that drives them all, and shutdown over everything.
 */
public final class WorkerParts {

    public final WorkerThreads threads;
    public final PayloadBinder binder;
    public final Registry registry;
    public final Registrations registrations;
    public final OutboundCalls calls;
    public final ChannelEnds channels;
    public final InvocationServer server;
    public final BindingOffers offers;
    public final BindingFires fires;
    public final Discovery discovery;
    public final FunctionAvailability availability;
    public final OwnerRetry retry;
    public final RegistrationProblems problems;
    public final RegistrationCheck check;
    public final EngineSession session;
    public final WorkerShutdown shutdown;
    public final WorkerStatistics statistics;

    public WorkerParts(WorkerOptions options, String runtime) {
        threads = new WorkerThreads(options.executor());
        binder = new PayloadBinder(options.jsonMapper() != null ? options.jsonMapper() : JsonMapper.builder().build());
        registry = new Registry();
        registrations = new Registrations(registry, binder, options.namespace());
        calls = new OutboundCalls(options, binder, threads.timer(), threads.completions());
        WebSocketConnector connector = new WebSocketConnector(options.url(), options.headers(),
                options.connectTimeout(), options.maxMessageSize(), options.maxSendQueueBytes(), options.sslContext(),
                threads.io());
        Redaction redaction = new Redaction(options.url(), options.headers().values());
        channels = new ChannelEnds(connector, redaction, calls, threads.handlers(), options.maxMessageSize());
        server = new InvocationServer(options, registry, binder, channels, threads.handlers(), threads.timer());
        offers = new BindingOffers(registry, threads.handlers());
        fires = new BindingFires(calls);
        discovery = new Discovery(calls, registrations);
        availability = new FunctionAvailability(discovery, threads.timer(), threads.completions(), options.namespace());
        retry = new OwnerRetry(calls, availability, threads.timer(), options.invocationTimeout());
        problems = new RegistrationProblems(registry, threads.events());
        check = new RegistrationCheck(discovery, registry, problems, threads.timer(), options.name(), options.namespace());
        List<ConnectionListener> listeners = new ArrayList<>(List.of(registry, calls, offers, check, availability));
        if (options.reportMetrics()) {
            listeners.add(new MetricsReporter(threads.timer(), threads.io(), options.name(), WorkerMetadata.SDK_VERSION,
                    System::getenv));
        }
        session = new EngineSession(options, connector, threads.timer(), threads.events(), calls::requestOn,
                WorkerMetadata.of(options, runtime, WorkerMetadata.SDK_VERSION),
                new FrameRouter(server, calls, offers, registry), listeners, redaction);
        shutdown = new WorkerShutdown(options.name(), server, registry, session, calls, channels, threads,
                connector);
        statistics = new WorkerCounters(session, server, calls);
    }
}
