package dev.iii.engine;

import java.time.OffsetDateTime;

import dev.iii.protocol.InvokeFunction;
import dev.iii.protocol.RegisterTrigger;
import dev.iii.protocol.TriggerRegistrationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.iii.engine.TestWorker.object;
import static org.assertj.core.api.Assertions.assertThat;

class CronTriggerTest {

    private EmbeddedEngine engine;

    @BeforeEach
    void start() {
        engine = EngineTestSupport.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void firesEverySecondOneTickAtATime() {
        try (TestWorker worker = TestWorker.registered(engine, "ticker")) {
            worker.registerFunction("ticker::tick");
            worker.send(new RegisterTrigger("job-1", "cron", "ticker::tick", object().put("expression", "* * * * * *"),
                    object().put("m", "x"), null, null));
            InvokeFunction first = worker.await(InvokeFunction.class, c -> c.functionId().equals("ticker::tick"));
            assertThat(first.data().tree().get("trigger").asString()).isEqualTo("cron");
            assertThat(first.data().tree().get("job_id").asString()).isEqualTo("job-1");
            String scheduled = first.data().tree().get("scheduled_time").asString();
            assertThat(scheduled).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
            assertThat(first.data().tree().get("actual_time").asString()).endsWith("+00:00");
            assertThat(OffsetDateTime.parse(first.data().tree().get("actual_time").asString()))
                    .isAfterOrEqualTo(OffsetDateTime.parse(scheduled));
            assertThat(first.metadata().get("m").asString()).isEqualTo("x");
            // Since 0.23 the cron worker calls the function like any worker, so the engine stamps it as the caller.
            assertThat(first.callerWorkerId()).isEqualTo(worker.workerIdNamed("cron"));

            // sequential: the next tick only comes after this one was answered
            worker.reply(first, null);
            InvokeFunction second = worker.await(InvokeFunction.class,
                    c -> c.functionId().equals("ticker::tick") && !c.invocationId().equals(first.invocationId()));
            assertThat(OffsetDateTime.parse(second.data().tree().get("scheduled_time").asString()))
                    .isAfter(OffsetDateTime.parse(scheduled));
            worker.reply(second, null);
        }
    }

    @Test
    void fiveFieldExpressionsAreRefused() {
        try (TestWorker worker = TestWorker.registered(engine, "crontab")) {
            worker.send(new RegisterTrigger("job-5", "cron", "crontab::fn", object().put("expression", "*/5 * * * *"),
                    null, null, null));
            TriggerRegistrationResult result = worker.await(TriggerRegistrationResult.class, r -> r.id().equals("job-5"));
            assertThat(result.error().code()).isEqualTo("trigger_registration_failed");
            assertThat(result.error().message()).startsWith("Invalid cron expression '*/5 * * * *': ");

            worker.send(new RegisterTrigger("job-0", "cron", "crontab::fn", object(), null, null, null));
            TriggerRegistrationResult missing = worker.await(TriggerRegistrationResult.class, r -> r.id().equals("job-0"));
            assertThat(missing.error().message()).isEqualTo("Cron expression is required");
        }
    }

    @Test
    void formatsTimesLikeTheRealEngine() {
        assertThat(Rfc3339.format(java.time.Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05+00:00");
        assertThat(Rfc3339.format(java.time.Instant.parse("2024-01-02T03:04:05.120Z")))
                .isEqualTo("2024-01-02T03:04:05.120+00:00");
        assertThat(Rfc3339.format(java.time.Instant.parse("2024-01-02T03:04:05.000001Z")))
                .isEqualTo("2024-01-02T03:04:05.000001+00:00");
        assertThat(Rfc3339.format(java.time.Instant.parse("2024-01-02T03:04:05.000000001Z")))
                .isEqualTo("2024-01-02T03:04:05.000000001+00:00");
    }
}
