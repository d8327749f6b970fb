package dev.iii.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts an attribute of a composed trigger annotation into the binding's configuration, under this key: how
 * {@link HttpTrigger#path()} becomes {@code api_path}. An empty string or array leaves the key out; strings
 * may use {@code ${...}} placeholders. Use it to write a typed annotation for a trigger type of your own:
 * <pre>{@code
 * @Target(ElementType.METHOD)
 * @Retention(RetentionPolicy.RUNTIME)
 * @IIITrigger(type = "webhook::github")
 * public @interface GitHubWebhook {
 *     @TriggerConfigKey("repo")
 *     String repo();
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TriggerConfigKey {

    /** The configuration key, e.g. {@code api_path}. */
    String value();
}
