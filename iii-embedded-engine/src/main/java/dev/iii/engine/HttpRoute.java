package dev.iii.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One {@code http} binding: a method and an {@code api_path} pattern whose {@code :name} segments are path
 * parameters.
 *
 * @param bindingId  the binding that created it
 * @param method     upper-case HTTP method
 * @param apiPath    the pattern as registered, with a leading {@code /}
 * @param segments   the pattern's non-empty segments
 * @param functionId function to call
 * @param namespace  namespace of the function
 * @param metadata   binding metadata handed to the function
 */
record HttpRoute(String bindingId, String method, String apiPath, List<String> segments, String functionId,
        String namespace, JsonNode metadata) {

    static HttpRoute of(Binding binding, String apiPath, String method) {
        String path = apiPath.startsWith("/") ? apiPath : "/" + apiPath;
        return new HttpRoute(binding.id, method.toUpperCase(Locale.ROOT), path, split(path), binding.functionId,
                binding.namespace, binding.metadata);
    }

    static List<String> split(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /** The pattern with parameter names blanked out: two routes with the same shape collide. */
    String shape() {
        List<String> shape = new ArrayList<>();
        for (String segment : segments) {
            shape.add(segment.startsWith(":") ? ":" : segment);
        }
        return method + " /" + String.join("/", shape);
    }

    /** Path parameters when {@code requestSegments} matches this route, else {@code null}. */
    Map<String, String> match(List<String> requestSegments) {
        if (requestSegments.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String pattern = segments.get(i);
            if (pattern.startsWith(":")) {
                params.put(pattern.substring(1), requestSegments.get(i));
            }
            else if (!pattern.equals(requestSegments.get(i))) {
                return null;
            }
        }
        return params;
    }

    /** Literal segments win over parameters when several routes match. */
    int literalCount() {
        return (int) segments.stream().filter(s -> !s.startsWith(":")).count();
    }
}
