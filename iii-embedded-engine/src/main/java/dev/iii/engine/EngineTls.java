package dev.iii.engine;

import java.security.KeyStore;
import java.util.Objects;

/**
 * The key and certificate the engine's worker listener presents for {@code wss://}: a key store holding one
 * private key entry, and the password of the store and of that key.
 *
 * @param keyStore the store, loaded
 * @param password the store's and the key's password
 */
public record EngineTls(KeyStore keyStore, String password) {

    public EngineTls {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
    }

    /** The password is a secret: it is not shown. */
    @Override
    public String toString() {
        return "EngineTls[" + keyStore.getType() + " key store]";
    }
}
