package dev.iii.engine;

import tools.jackson.databind.JsonNode;

/**
 * What a worker told the engine about itself through {@code engine::workers::register}.
 *
 * @param name        sanitized worker name, {@code null} when none was usable
 * @param description sanitized description, optional
 * @param runtime     e.g. {@code node}, {@code java}; {@code unknown} when not sent
 * @param version     SDK version, optional
 * @param os          operating system string, optional
 * @param pid         process id; workers without one are hidden from {@code engine::workers::list}
 * @param isolation   isolation label, optional
 * @param telemetry   free-form telemetry block, optional
 */
record WorkerMetadata(String name, String description, String runtime, String version, String os, Long pid,
        String isolation, JsonNode telemetry) {

    /** Longest name or description kept, as in the real engine. */
    static final int MAX_TEXT_LENGTH = 280;

    /**
     * Cleans a name or description the way the real engine does: control and bidi-override characters removed,
     * cut to 280 characters, trimmed; blank becomes {@code null}.
     */
    static String sanitize(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder cleaned = new StringBuilder();
        int kept = 0;
        for (int i = 0; i < raw.length() && kept < MAX_TEXT_LENGTH; ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (!unsafeForDisplay(cp)) {
                cleaned.appendCodePoint(cp);
                kept++;
            }
        }
        String trimmed = cleaned.toString().strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static boolean unsafeForDisplay(int cp) {
        return Character.isISOControl(cp) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x2028 || cp == 0x2029;
    }
}
