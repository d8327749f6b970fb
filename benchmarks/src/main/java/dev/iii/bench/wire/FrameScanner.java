package dev.iii.bench.wire;

/**
 * Finds the few top-level members the raw parties need ({@code type}, {@code invocation_id}, {@code data},
 * {@code error}) in one pass over a frame's text, without building a tree or copying the payload: the minimal
 * parsing a worker cannot do without. Nested values are skipped by matching brackets outside strings.
 */
public final class FrameScanner {

    private FrameScanner() {
    }

    /**
     * Scans one frame.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static ScannedFrame scan(String text) {
        Cursor cursor = new Cursor(text);
        cursor.skipWhitespace();
        cursor.expect('{');
        String type = null;
        String invocationId = null;
        int dataStart = -1;
        int dataEnd = -1;
        boolean error = false;
        cursor.skipWhitespace();
        if (cursor.peek() == '}') {
            return new ScannedFrame(null, null, -1, -1, false);
        }
        while (true) {
            cursor.skipWhitespace();
            int keyStart = cursor.position + 1;
            cursor.skipString();
            int keyEnd = cursor.position - 1;
            cursor.skipWhitespace();
            cursor.expect(':');
            cursor.skipWhitespace();
            int valueStart = cursor.position;
            cursor.skipValue();
            int valueEnd = cursor.position;
            if (is(text, keyStart, keyEnd, "type")) {
                type = stringValue(text, valueStart, valueEnd);
            }
            else if (is(text, keyStart, keyEnd, "invocation_id")) {
                invocationId = stringValue(text, valueStart, valueEnd);
            }
            else if (is(text, keyStart, keyEnd, "data")) {
                dataStart = valueStart;
                dataEnd = valueEnd;
            }
            else if (is(text, keyStart, keyEnd, "error")) {
                error = !text.startsWith("null", valueStart);
            }
            cursor.skipWhitespace();
            char next = cursor.next();
            if (next == '}') {
                return new ScannedFrame(type, invocationId, dataStart, dataEnd, error);
            }
            if (next != ',') {
                throw cursor.unexpected(next);
            }
        }
    }

    private static boolean is(String text, int start, int end, String name) {
        return end - start == name.length() && text.startsWith(name, start);
    }

    /** The text of a string value without its quotes (ids and type names carry no escapes); null otherwise. */
    private static String stringValue(String text, int start, int end) {
        return text.charAt(start) == '"' ? text.substring(start + 1, end - 1) : null;
    }

    private static final class Cursor {

        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        char peek() {
            if (position >= text.length()) {
                throw new IllegalArgumentException("frame ends early: " + abbreviated());
            }
            return text.charAt(position);
        }

        char next() {
            char c = peek();
            position++;
            return c;
        }

        void expect(char expected) {
            char c = next();
            if (c != expected) {
                throw unexpected(c);
            }
        }

        void skipWhitespace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        void skipString() {
            expect('"');
            while (true) {
                char c = next();
                if (c == '\\') {
                    position++;
                }
                else if (c == '"') {
                    return;
                }
            }
        }

        void skipValue() {
            char c = peek();
            if (c == '"') {
                skipString();
            }
            else if (c == '{' || c == '[') {
                skipNested();
            }
            else {
                while (position < text.length() && ",}] \t\r\n".indexOf(text.charAt(position)) < 0) {
                    position++;
                }
            }
        }

        private void skipNested() {
            int depth = 0;
            do {
                char c = peek();
                if (c == '"') {
                    skipString();
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                }
                else if (c == '}' || c == ']') {
                    depth--;
                }
                position++;
            } while (depth > 0);
        }

        IllegalArgumentException unexpected(char c) {
            return new IllegalArgumentException("unexpected '" + c + "' at " + (position - 1) + " in " + abbreviated());
        }

        private String abbreviated() {
            return text.length() <= 200 ? text : text.substring(0, 200) + "...";
        }
    }
}
