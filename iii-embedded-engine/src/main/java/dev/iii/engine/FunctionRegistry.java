package dev.iii.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Every routable function by (namespace, id). Guarded by the engine lock. */
final class FunctionRegistry {

    private final Map<FunctionKey, RegisteredFunction> functions = new HashMap<>();

    RegisteredFunction get(String namespace, String id) {
        return functions.get(new FunctionKey(Namespaces.orDefault(namespace), id));
    }

    void put(RegisteredFunction function) {
        functions.put(function.key(), function);
    }

    /** Removes the function only while {@code owner} still owns it (a newer owner keeps it). */
    boolean removeIfOwner(FunctionKey key, WorkerConnection owner) {
        RegisteredFunction current = functions.get(key);
        if (current != null && current.owner() == owner) {
            functions.remove(key);
            return true;
        }
        return false;
    }

    /** Namespaces that hold {@code id}, sorted, for the "registered in namespace(s)" hint. */
    List<String> namespacesFor(String id) {
        Set<String> namespaces = new TreeSet<>();
        for (FunctionKey key : functions.keySet()) {
            if (key.id().equals(id)) {
                namespaces.add(key.namespace());
            }
        }
        return new ArrayList<>(namespaces);
    }

    List<RegisteredFunction> all() {
        return new ArrayList<>(functions.values());
    }

    Set<FunctionKey> keys() {
        return Set.copyOf(functions.keySet());
    }
}
