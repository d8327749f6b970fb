package dev.iii.engine;

/** Namespace rules shared by the registries (wire specification §11). */
final class Namespaces {

    static final String DEFAULT = "default";

    /** The error code of a namespace member that is present but blank. */
    static final String INVALID_NAMESPACE = "INVALID_NAMESPACE";

    private Namespaces() {
    }

    static String orDefault(String namespace) {
        return namespace != null ? namespace : DEFAULT;
    }

    /** The real engine's refusal text for a namespace member that is present but blank. */
    static String blankMessage(String field) {
        return "`" + field + "` is empty: it was named and left blank. Give it a name, or omit it to use `"
                + DEFAULT + "`.";
    }
}
