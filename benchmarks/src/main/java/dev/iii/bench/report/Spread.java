package dev.iii.bench.report;

import java.util.Collection;

/**
 * The median of a figure over rounds and its range. NaN values (a round without completed calls) are left
 * out; without any value every figure is NaN.
 *
 * @param count how many values there were
 */
public record Spread(double median, double min, double max, int count) {

    public static Spread of(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(value -> !Double.isNaN(value)).sorted().toArray();
        if (sorted.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /** Half the range relative to the median ({@code 0.03} for values within ±3% of it); NaN for one value. */
    public double relativeHalfRange() {
        return count < 2 ? Double.NaN : (max - min) / 2 / median;
    }

    /** The median divided by {@code reference}'s. */
    public double ratioTo(Spread reference) {
        return median / reference.median;
    }
}
