package dev.iii.sdk.builtin;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a function bound to the {@code cron} trigger receives on each tick.
 *
 * @param trigger       always {@code cron}
 * @param jobId         the binding's id
 * @param scheduledTime when the tick was due (UTC)
 * @param actualTime    when it fired
 */
public record CronTick(String trigger, @JsonProperty("job_id") String jobId,
        @JsonProperty("scheduled_time") OffsetDateTime scheduledTime,
        @JsonProperty("actual_time") OffsetDateTime actualTime) {
}
