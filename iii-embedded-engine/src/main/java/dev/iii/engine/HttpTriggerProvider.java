package dev.iii.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.iii.protocol.ErrorBody;
import tools.jackson.databind.JsonNode;

/**
 * The in-engine {@code http} trigger type, standing in for the {@code http} provider worker of engines 0.23 and
 * later (the in-engine {@code iii-http} before): keeps the routes that {@link HttpTriggerServlet} serves.
 * Binding the same method and path again replaces the earlier route; the same shape with different parameter
 * names is refused.
 */
final class HttpTriggerProvider implements TriggerProvider {

    static final String TYPE = "http";

    private final Object lock;
    private final Map<String, HttpRoute> routes = new LinkedHashMap<>();

    HttpTriggerProvider(Object lock) {
        this.lock = lock;
    }

    @Override
    public ErrorBody activate(Binding binding) {
        JsonNode apiPath = binding.config.get("api_path");
        if (apiPath == null || !apiPath.isString()) {
            return new ErrorBody("trigger_registration_failed", "api_path is required for http triggers");
        }
        JsonNode method = binding.config.get("http_method");
        HttpRoute route = HttpRoute.of(binding, apiPath.asString(),
                method != null && method.isString() ? method.asString() : "GET");
        for (HttpRoute existing : new ArrayList<>(routes.values())) {
            if (existing.shape().equals(route.shape())) {
                if (existing.apiPath().equals(route.apiPath())) {
                    routes.remove(existing.bindingId());
                }
                else {
                    return new ErrorBody("trigger_registration_failed", "route " + route.method() + " "
                            + route.apiPath() + " conflicts with " + existing.apiPath()
                            + ": same shape, different parameter names");
                }
            }
        }
        routes.put(binding.id, route);
        return null;
    }

    @Override
    public void deactivate(Binding binding) {
        routes.remove(binding.id);
    }

    /** The best route for a request, preferring literal segments; {@code null} when none matches. */
    RouteMatch find(String method, String path) {
        List<String> segments = HttpRoute.split(path);
        synchronized (lock) {
            RouteMatch best = null;
            for (HttpRoute route : routes.values()) {
                if (!route.method().equals(method)) {
                    continue;
                }
                Map<String, String> params = route.match(segments);
                if (params != null && (best == null || route.literalCount() > best.route().literalCount())) {
                    best = new RouteMatch(route, params);
                }
            }
            return best;
        }
    }

    /** The methods, upper case, sorted and distinct, of the routes whose path matches: a 405 names them. */
    List<String> allowedMethods(String path) {
        List<String> segments = HttpRoute.split(path);
        Set<String> methods = new TreeSet<>();
        synchronized (lock) {
            for (HttpRoute route : routes.values()) {
                if (route.match(segments) != null) {
                    methods.add(route.method());
                }
            }
        }
        return new ArrayList<>(methods);
    }

    /**
     * A matched route with its path parameters.
     *
     * @param route      the route
     * @param pathParams parameter values from the request path
     */
    record RouteMatch(HttpRoute route, Map<String, String> pathParams) {
    }
}
