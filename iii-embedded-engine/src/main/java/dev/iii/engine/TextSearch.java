package dev.iii.engine;

import java.util.Locale;

/** The introspection functions' {@code search} filter: a case-insensitive substring match. */
final class TextSearch {

    private TextSearch() {
    }

    static boolean containsIgnoreCase(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }
}
