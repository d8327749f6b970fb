package dev.iii.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The payloads, written once per run to files every caller reads, so Java and Node send the same bytes:
 * {@code {"blob":"..."}} of exactly the stated size, the string random letters and digits (seeded by the size,
 * so every run sends the same payload). Random text matters: {@code permessage-deflate} would shrink a
 * repeated character to almost nothing.
 */
public final class Payloads {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String OPEN = "{\"blob\":\"";
    private static final String CLOSE = "\"}";

    private Payloads() {
    }

    /** The payload of {@code bytes} bytes. */
    public static String json(int bytes) {
        int length = bytes - OPEN.length() - CLOSE.length();
        if (length < 0) {
            throw new IllegalArgumentException("a payload needs at least " + (OPEN.length() + CLOSE.length()) + " bytes");
        }
        Random random = new Random(bytes);
        StringBuilder json = new StringBuilder(bytes).append(OPEN);
        for (int i = 0; i < length; i++) {
            json.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return json.append(CLOSE).toString();
    }

    /** Writes the payload of {@code bytes} bytes into {@code directory} and returns its file. */
    public static Path write(Path directory, int bytes) {
        Path file = directory.resolve("payload-" + bytes + ".json");
        try {
            Files.writeString(file, json(bytes), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return file;
    }
}
