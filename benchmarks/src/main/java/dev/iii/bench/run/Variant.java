package dev.iii.bench.run;

/**
 * One caller calling one worker. The floor is the raw caller calling the raw worker; the worker comparison
 * varies the worker under the raw caller, the caller comparison varies the caller against the raw worker.
 */
public record Variant(CallerKind caller, WorkerKind worker) {

    /** The raw caller calling the raw worker. */
    public static final Variant FLOOR = new Variant(CallerKind.RAW, WorkerKind.RAW);

    /** Whether the worker comparison shows this variant (the raw caller calls it). */
    public boolean comparesWorkers() {
        return caller == CallerKind.RAW;
    }

    /** Whether the caller comparison shows this variant (it calls the raw worker). */
    public boolean comparesCallers() {
        return worker == WorkerKind.RAW;
    }

    @Override
    public String toString() {
        return caller.key() + " -> " + worker.key();
    }
}
