package dev.iii.spring.diagnostics;

/** The configured engine URL is not a WebSocket URL; its text here carries no credentials. */
public class InvalidEngineUrlException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String source;

    /**
     * @param url    the URL without user info or query
     * @param source where it came from: a property name, or a bean
     */
    public InvalidEngineUrlException(String url, String source, Throwable cause) {
        super("The iii engine URL '" + url + "' (" + source + ") is not a WebSocket URL", cause);
        this.url = url;
        this.source = source;
    }

    public String getUrl() {
        return url;
    }

    public String getSource() {
        return source;
    }
}
