package dev.iii.engine;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedEngine} as a process (the {@code standalone} jar):
 * <pre>java -jar iii-embedded-engine-VERSION-standalone.jar [--host H] [--port P] [--http-port P]</pre>
 * Prints one line, {@code iii embedded engine listening on ws://HOST:PORT (http on http://HOST:HTTPPORT)},
 * once connections are accepted, and serves until the process is stopped; SIGTERM closes it cleanly.
 */
public final class EmbeddedEngineLauncher {

    static final String USAGE = "usage: java -jar iii-embedded-engine-standalone.jar [--host HOST] [--port PORT] "
            + "[--http-port PORT]   (ports: 0 = random; defaults 127.0.0.1, 49134, 3111)";

    private EmbeddedEngineLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedEngine engine;
        try {
            engine = parse(args).build();
        }
        catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "iii-engine-shutdown"));
        engine.start();
        announce(engine, System.out);
        stopped.await();
    }

    /** The one line scripts wait for. */
    static void announce(EmbeddedEngine engine, PrintStream out) {
        out.println("iii embedded engine listening on " + engine.url() + " (http on " + engine.httpUrl() + ")");
        out.flush();
    }

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException for an unknown or malformed argument
     */
    static EmbeddedEngine.Builder parse(String[] args) {
        EmbeddedEngine.Builder builder = EmbeddedEngine.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--host" -> builder.host(value(args, ++i, arg));
                case "--port" -> builder.port(port(value(args, ++i, arg), arg));
                case "--http-port" -> builder.httpPort(port(value(args, ++i, arg), arg));
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        return builder;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String value, String option) {
        try {
            return Integer.parseInt(value);
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException(option + " needs a port number, got '" + value + "'");
        }
    }
}
