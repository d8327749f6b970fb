package dev.iii.sdk.internal.channel;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.iii.sdk.channel.ChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read end's bytes as a {@link Flow.Publisher} for one subscriber (Reactive Streams rules: signals in order and
 * never at once, {@code onNext} only as requested, a non-positive request is an error, cancelling closes the
 * end). Signals run on the delivery executor (the worker's handler threads), in passes that take what is there
 * and as much as was requested; the container's thread only schedules a pass.
 */
final class BytesPublisher implements Flow.Publisher<ByteBuffer> {

    private static final Logger log = LoggerFactory.getLogger(BytesPublisher.class);

    private final ReadEnd end;
    private final Executor deliveries;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    BytesPublisher(ReadEnd end, Executor deliveries) {
        this.end = end;
        this.deliveries = deliveries;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("the reader of channel " + end.channelId()
                    + " already has a subscriber"));
            return;
        }
        Delivery delivery = new Delivery(subscriber);
        // No pass runs before onSubscribe has returned (rule 1.9), even when the end was started earlier and
        // its socket signals meanwhile: the delivery starts held, and what is signalled meanwhile is counted.
        end.listen(delivery::schedule);
        try {
            subscriber.onSubscribe(delivery);
        }
        catch (Throwable ex) {
            // Rule 2.13: a subscriber that throws counts as cancelled.
            delivery.abandon(ex);
            return;
        }
        try {
            end.start();
        }
        catch (ChannelException ex) {
            // Recorded by the end: the first pass signals it.
        }
        delivery.release();
    }

    private final class Delivery implements Flow.Subscription {

        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        /** Passes asked for and not yet run; starts at 1, the hold that {@link #release} lets go. */
        private final AtomicInteger pendingPasses = new AtomicInteger(1);
        private volatile boolean done;
        private volatile Throwable badRequest;

        Delivery(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("request(" + n + "): a subscriber must request at least 1");
            }
            else {
                demand.getAndUpdate(current -> current + n < 0 ? Long.MAX_VALUE : current + n);
            }
            schedule();
        }

        @Override
        public void cancel() {
            done = true;
            end.close();
        }

        void schedule() {
            if (pendingPasses.getAndIncrement() == 0) {
                execute();
            }
        }

        /** Lets the passes run once onSubscribe has returned: one now, for what came before, and any counted. */
        void release() {
            execute();
        }

        /** The subscriber threw: nothing more is signalled to it, and the end is closed. */
        void abandon(Throwable error) {
            done = true;
            end.close();
            log.warn("channel {}: the subscriber of the reader threw {}; its subscription is cancelled",
                    end.channelId(), error.toString());
        }

        private void execute() {
            try {
                deliveries.execute(this::run);
            }
            catch (RejectedExecutionException ex) {
                pendingPasses.set(0);
            }
        }

        private void run() {
            int missed = 1;
            do {
                try {
                    pass();
                }
                catch (Throwable ex) {
                    // Caught so that the count of passes still comes back to 0 and later signals run.
                    abandon(ex);
                }
                missed = pendingPasses.addAndGet(-missed);
            } while (missed != 0);
        }

        private void pass() {
            while (!done) {
                if (badRequest != null) {
                    done = true;
                    end.close();
                    subscriber.onError(badRequest);
                    return;
                }
                Object next = end.poll(demand.get() > 0);
                if (next == null) {
                    return;
                }
                if (next instanceof byte[] chunk) {
                    demand.decrementAndGet();
                    subscriber.onNext(ByteBuffer.wrap(chunk).asReadOnlyBuffer());
                }
                else if (next instanceof String message) {
                    end.deliver(message);
                }
                else if (next == ReadQueue.END) {
                    done = true;
                    subscriber.onComplete();
                }
                else {
                    done = true;
                    subscriber.onError((ChannelException) next);
                }
            }
        }
    }
}
