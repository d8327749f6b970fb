package dev.iii.spring.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.iii.sdk.trigger.TriggerRequest;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.RepeatableContainers;
import org.springframework.util.StringUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the bindings of one {@link IIIFunction} method: every {@link IIITrigger}, whether declared directly or
 * through a composed annotation such as {@link HttpTrigger}, whose {@link TriggerConfigKey} attributes become
 * configuration. Mistakes fail start-up naming bean and method.
 */
final class TriggerAnnotations {

    /** Parses {@link IIITrigger#configJson()} only: a literal in an annotation, not the application's data. */
    private static final JsonMapper CONFIG_JSON = JsonMapper.builder().build();

    private final UnaryOperator<String> placeholders;

    /** @param placeholders resolves {@code ${...}} in attribute values */
    TriggerAnnotations(UnaryOperator<String> placeholders) {
        this.placeholders = placeholders;
    }

    List<TriggerRequest> bindings(Method method, String functionId, String where) {
        List<TriggerRequest> bindings = new ArrayList<>();
        MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY, RepeatableContainers.standardRepeatables())
                .stream(IIITrigger.class).forEach(trigger -> bindings.add(binding(trigger, functionId, where)));
        return bindings;
    }

    private TriggerRequest binding(MergedAnnotation<IIITrigger> trigger, String functionId, String where) {
        String type = placeholders.apply(trigger.getString("type"));
        String declared = trigger.getMetaSource() == null ? "@IIITrigger(type = \"" + type + "\")"
                : "@" + trigger.getMetaSource().getType().getSimpleName();
        if (!StringUtils.hasText(type)) {
            throw new BeanInitializationException(declared + " on " + where + " has a blank type");
        }
        ObjectNode config = CONFIG_JSON.createObjectNode();
        pairs(trigger.getStringArray("config"), "config", where).forEach(config::put);
        String json = placeholders.apply(trigger.getString("configJson"));
        if (StringUtils.hasText(json)) {
            config.setAll(configJson(json, declared, where));
        }
        if (trigger.getMetaSource() != null) {
            typedAttributes(trigger.getMetaSource(), config);
        }
        String problem = BuiltinTriggerConfigCheck.problem(type, config);
        if (problem != null) {
            throw new BeanInitializationException(declared + " on " + where + " " + problem);
        }
        Map<String, String> metadata = pairs(trigger.getStringArray("metadata"), "metadata", where);
        String namespace = placeholders.apply(trigger.getString("namespace"));
        String triggerNamespace = placeholders.apply(trigger.getString("triggerNamespace"));
        return new TriggerRequest(type, functionId, config, metadata.isEmpty() ? null : metadata,
                StringUtils.hasText(namespace) ? namespace : null,
                StringUtils.hasText(triggerNamespace) ? triggerNamespace : null);
    }

    private static ObjectNode configJson(String json, String declared, String where) {
        JsonNode parsed;
        try {
            parsed = CONFIG_JSON.readTree(json);
        }
        catch (JacksonException ex) {
            throw new BeanInitializationException(declared + " on " + where + " has a configJson that is not JSON: "
                    + ex.getOriginalMessage(), ex);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new BeanInitializationException(declared + " on " + where + " has a configJson that is not a JSON object");
        }
        return object;
    }

    /** The composed annotation's attributes marked with {@link TriggerConfigKey}; empty values stay out. */
    private void typedAttributes(MergedAnnotation<?> composed, ObjectNode config) {
        for (Method attribute : composed.getType().getDeclaredMethods()) {
            TriggerConfigKey key = attribute.getAnnotation(TriggerConfigKey.class);
            if (key == null) {
                continue;
            }
            Object value = composed.getValue(attribute.getName()).orElse(null);
            if (value instanceof String text && !text.isEmpty()) {
                config.put(key.value(), placeholders.apply(text));
            }
            else if (value instanceof String[] texts && texts.length > 0) {
                ArrayNode array = config.putArray(key.value());
                for (String text : texts) {
                    array.add(placeholders.apply(text));
                }
            }
            else if (value instanceof Boolean || value instanceof Number) {
                config.set(key.value(), CONFIG_JSON.valueToTree(value));
            }
        }
    }

    Map<String, String> pairs(String[] entries, String attribute, String where) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : entries) {
            String resolved = placeholders.apply(entry);
            int equals = resolved.indexOf('=');
            if (equals <= 0) {
                throw new BeanInitializationException(attribute + " entry '" + entry + "' on " + where
                        + " is not of the form key=value");
            }
            pairs.put(resolved.substring(0, equals).trim(), resolved.substring(equals + 1));
        }
        return pairs;
    }
}
