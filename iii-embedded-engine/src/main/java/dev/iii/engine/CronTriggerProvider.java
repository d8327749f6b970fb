package dev.iii.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.iii.protocol.ErrorBody;
import dev.iii.protocol.RawJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-engine {@code cron} trigger type, standing in for the {@code cron} provider worker of engines 0.23 and
 * later (the in-engine {@code iii-cron} before): the bound function is called by that worker, so an object
 * payload carries its {@code _caller_worker_id}. Each binding is one sequential job: it fires, waits for the
 * function's result, then computes the next time from now, so a slow handler skips ticks instead of
 * overlapping (wire specification §6.2). Expressions have six fields with seconds; times are UTC.
 */
final class CronTriggerProvider implements TriggerProvider {

    static final String TYPE = "cron";

    private static final Logger log = LoggerFactory.getLogger(CronTriggerProvider.class);

    private final ScheduledExecutorService scheduler;
    private final InvocationRouter invocations;
    private final Caller cronWorker;
    private final Map<String, Job> jobs = new HashMap<>();

    CronTriggerProvider(ScheduledExecutorService scheduler, InvocationRouter invocations, Caller cronWorker) {
        this.scheduler = scheduler;
        this.invocations = invocations;
        this.cronWorker = cronWorker;
    }

    @Override
    public ErrorBody activate(Binding binding) {
        JsonNode expressionNode = binding.config.get("expression");
        if (expressionNode == null || !expressionNode.isString() || expressionNode.asString().isEmpty()) {
            return new ErrorBody("trigger_registration_failed", "Cron expression is required");
        }
        String expression = expressionNode.asString();
        CronExpression cron;
        try {
            cron = CronExpression.parse(expression);
        }
        catch (IllegalArgumentException ex) {
            return new ErrorBody("trigger_registration_failed",
                    "Invalid cron expression '" + expression + "': " + ex.getMessage());
        }
        synchronized (jobs) {
            if (jobs.containsKey(binding.id)) {
                return new ErrorBody("trigger_registration_failed", "Cron job '" + binding.id + "' is already registered");
            }
            Job job = new Job(binding, cron);
            jobs.put(binding.id, job);
            job.scheduleNext(Instant.now());
        }
        return null;
    }

    @Override
    public void deactivate(Binding binding) {
        synchronized (jobs) {
            Job job = jobs.remove(binding.id);
            if (job != null) {
                job.stop();
            }
        }
    }

    /** The payload of one tick (wire specification §6.2). */
    static ObjectNode tick(String jobId, Instant scheduled, Instant actual) {
        ObjectNode payload = EngineJson.object();
        payload.put("trigger", "cron");
        payload.put("job_id", jobId);
        payload.put("scheduled_time", Rfc3339.format(scheduled));
        payload.put("actual_time", Rfc3339.format(actual));
        return payload;
    }

    /** One binding's loop. */
    private final class Job {

        private final Binding binding;
        private final CronExpression cron;
        private ScheduledFuture<?> timer;
        private boolean stopped;

        Job(Binding binding, CronExpression cron) {
            this.binding = binding;
            this.cron = cron;
        }

        /** Schedules the first time strictly after {@code after}; called with the jobs lock held. */
        void scheduleNext(Instant after) {
            if (stopped) {
                return;
            }
            ZonedDateTime next = cron.next(ZonedDateTime.ofInstant(after, ZoneOffset.UTC));
            if (next == null) {
                log.warn("cron job {} has no upcoming time; it stops", binding.id);
                return;
            }
            Instant scheduled = next.toInstant();
            long delay = Math.max(0, scheduled.toEpochMilli() - System.currentTimeMillis());
            timer = scheduler.schedule(() -> fire(scheduled), delay, TimeUnit.MILLISECONDS);
        }

        void stop() {
            stopped = true;
            if (timer != null) {
                timer.cancel(false);
            }
        }

        private void fire(Instant scheduled) {
            synchronized (jobs) {
                if (stopped) {
                    return;
                }
            }
            ObjectNode payload = tick(binding.id, scheduled, Instant.now());
            invocations.invoke(cronWorker, binding.namespace, binding.functionId, RawJson.of(payload),
                    binding.metadata, null, null, null)
                    .whenComplete((outcome, failure) -> {
                        synchronized (jobs) {
                            // Never fire twice for one scheduled time, even if the clock reads slightly early.
                            Instant now = Instant.now();
                            scheduleNext(now.isAfter(scheduled) ? now : scheduled);
                        }
                    });
        }
    }
}
