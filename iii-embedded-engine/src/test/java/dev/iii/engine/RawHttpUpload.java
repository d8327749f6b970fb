package dev.iii.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP/1.1 upload on a plain socket, for tests: it writes a large body on one thread for as long as the server
 * takes it, and reads the (chunked) response on another at the same time, as a browser does, so that a response
 * that comes before the upload is over can be seen whole. The JDK's client would not read it before the body is
 * sent.
 */
final class RawHttpUpload implements AutoCloseable {

    /** The response once its last chunk came: the status line and the body, un-chunked. */
    record Answer(String statusLine, String body) {
    }

    final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private final Socket socket;

    private RawHttpUpload(Socket socket) {
        this.socket = socket;
    }

    /** POSTs {@code bodyBytes} bytes (zeros) of {@code application/octet-stream} to {@code url}. */
    static RawHttpUpload post(URI url, long bodyBytes) throws IOException {
        Socket socket = new Socket(url.getHost(), url.getPort());
        RawHttpUpload upload = new RawHttpUpload(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bodyBytes + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        daemon(() -> {
            byte[] part = new byte[64 * 1024];
            try {
                for (long left = bodyBytes; left > 0; left -= part.length) {
                    out.write(part, 0, (int) Math.min(part.length, left));
                }
                out.flush();
            }
            catch (IOException ex) {
                // The server stopped taking the body: expected once it answered.
            }
        });
        daemon(() -> {
            try {
                upload.answer.complete(read(socket.getInputStream()));
            }
            catch (IOException | RuntimeException ex) {
                upload.answer.completeExceptionally(ex);
            }
        });
        return upload;
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        boolean chunked = false;
        String header;
        while (!(header = line(in)).isEmpty()) {
            chunked |= header.equalsIgnoreCase("transfer-encoding: chunked");
        }
        if (!chunked) {
            throw new IOException("not a chunked response: " + statusLine);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int size;
        while ((size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0) {
            body.write(in.readNBytes(size));
            line(in);
        }
        line(in);
        return new Answer(statusLine, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the connection ended within a line: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "raw-http-upload");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
