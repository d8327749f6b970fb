package dev.iii.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when no engine URL is configured ({@code iii.url}, which {@code III_URL} also sets): an
 * application that names an engine joins it instead of starting its own.
 */
class OnNoEngineUrlCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty("iii.url");
        if (url != null && !url.isBlank()) {
            return ConditionOutcome.noMatch("iii.url is set to an engine (" + url + ")");
        }
        return ConditionOutcome.match("no engine URL is configured");
    }
}
