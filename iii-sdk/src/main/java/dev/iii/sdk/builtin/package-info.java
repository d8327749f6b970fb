/**
 * Payloads and results of the trigger types the engine ships: {@code http}, {@code cron}, {@code state},
 * {@code stream}. Bind a handler's parameter to one of these to read the event as a typed value.
 */
package dev.iii.sdk.builtin;
