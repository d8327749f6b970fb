package dev.iii.sdk;

/** Something registered with the engine through a worker, which can be withdrawn. */
public interface Registration {

    /** Withdraws the registration; it is not replayed on reconnect. Calling it twice does nothing. */
    void unregister();
}
