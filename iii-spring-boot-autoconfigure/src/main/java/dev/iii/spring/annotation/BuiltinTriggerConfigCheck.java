package dev.iii.spring.annotation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.scheduling.support.CronExpression;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the engine would refuse, or accept and never serve, in the configuration of its own {@code http} and
 * {@code cron} trigger types, found at start-up instead of in a warning after the worker connected.
 */
final class BuiltinTriggerConfigCheck {

    /** What iii-http serves; any other method is accepted by the engine and never matched. */
    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    /** A cron year field: digits, lists, ranges and steps. */
    private static final String YEAR_FIELD = "[0-9*,/\\-]+";

    private BuiltinTriggerConfigCheck() {
    }

    /** What is wrong with {@code config}, to follow "&lt;annotation&gt; on &lt;bean.method&gt; ", or {@code null}. */
    static String problem(String type, ObjectNode config) {
        return switch (type) {
            case "http" -> http(config);
            case "cron" -> cron(config);
            default -> null;
        };
    }

    private static String http(ObjectNode config) {
        JsonNode path = config.get("api_path");
        if (path == null || !path.isString() || path.asString().isBlank()) {
            return "has no path: set the route, e.g. \"/orders/:id\"";
        }
        JsonNode method = config.get("http_method");
        if (method != null && (!method.isString() || !HTTP_METHODS.contains(method.asString().toUpperCase(Locale.ROOT)))) {
            return "has the HTTP method '" + method.asString() + "', which the engine does not serve: use one of "
                    + String.join(", ", HTTP_METHODS);
        }
        return null;
    }

    private static String cron(ObjectNode config) {
        JsonNode expression = config.get("expression");
        if (expression == null || !expression.isString() || expression.asString().isBlank()) {
            return "has no cron expression";
        }
        String text = expression.asString().trim();
        String[] fields = text.split("\\s+");
        if (fields.length == 5) {
            return "has the five-field cron expression '" + text + "': the engine's cron has six fields, seconds "
                    + "first (second minute hour day-of-month month day-of-week)";
        }
        if (fields.length == 7) {
            if (!fields[6].matches(YEAR_FIELD)) {
                return "has the cron expression '" + text + "', whose seventh field is not a year";
            }
            // Spring's parser has no year field; the other six have the same syntax.
            text = String.join(" ", Arrays.copyOf(fields, 6));
        }
        try {
            CronExpression.parse(text);
        }
        catch (IllegalArgumentException ex) {
            return "has the cron expression '" + expression.asString().trim() + "', which does not parse: "
                    + ex.getMessage();
        }
        return null;
    }
}
