package dev.iii.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The plots of a run, as PNG files drawn with JFreeChart (no display needed): figures against calls in flight
 * with the median as the point and the rounds' range as the bar, and stacked CPU time per invocation.
 */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    // As many colours as the workers comparison has lines, so that no two lines share one.
    private static final Color[] PALETTE = { new Color(0x33, 0x33, 0x33), new Color(0x1f, 0x77, 0xb4),
            new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28), new Color(0xff, 0x7f, 0x0e),
            new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b), new Color(0x17, 0xbe, 0xcf),
            new Color(0xe3, 0x77, 0xc2), new Color(0xbc, 0xbd, 0x22) };

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One line: its label and, per calls in flight, the figure's spread. */
    record Line(String label, Map<Integer, Spread> points) {
    }

    private Charts() {
    }

    /** Figures against calls in flight (a base-2 log axis), optionally on a log value axis. */
    static void lines(Path file, String title, String valueLabel, boolean logValues, List<Line> lines) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Line line : lines) {
            YIntervalSeries series = new YIntervalSeries(line.label());
            line.points().forEach((concurrency, spread) -> {
                if (!Double.isNaN(spread.median())) {
                    series.add(concurrency, spread.median(), spread.min(), spread.max());
                }
            });
            data.addSeries(series);
        }
        LogAxis inFlight = new LogAxis("calls in flight");
        inFlight.setBase(2);
        inFlight.setTickUnit(new NumberTickUnit(1));
        inFlight.setNumberFormatOverride(new DecimalFormat("0"));
        ValueAxis values = logValues ? decades(valueLabel, data) : new NumberAxis(valueLabel);
        if (values instanceof NumberAxis number) {
            number.setAutoRangeIncludesZero(true);
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setCapLength(6);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, inFlight, values, renderer);
        write(file, style(new JFreeChart(title, titleFont(), plot, true)));
    }

    /** A base-10 log axis from the decade below the smallest value to the decade above the largest, a tick each. */
    private static LogAxis decades(String label, YIntervalSeriesCollection data) {
        double lowest = Double.MAX_VALUE;
        double highest = Double.MIN_VALUE;
        for (int series = 0; series < data.getSeriesCount(); series++) {
            for (int item = 0; item < data.getItemCount(series); item++) {
                lowest = Math.min(lowest, data.getStartYValue(series, item));
                highest = Math.max(highest, data.getEndYValue(series, item));
            }
        }
        LogAxis axis = new LogAxis(label);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        if (lowest > 0 && highest >= lowest) {
            axis.setRange(Math.pow(10, Math.floor(Math.log10(lowest))), Math.pow(10, Math.ceil(Math.log10(highest) + 1e-9)));
        }
        return axis;
    }

    /** Stacked bars: for each bar, one segment per part. */
    static void stackedBars(Path file, String title, String valueLabel, List<String> parts,
            Map<String, Map<String, Double>> bars) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        bars.forEach((bar, segments) -> {
            for (String part : parts) {
                data.addValue(segments.getOrDefault(part, 0.0), part, bar);
            }
        });
        StackedBarRenderer renderer = new StackedBarRenderer();
        for (int i = 0; i < parts.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[(i + 1) % PALETTE.length]);
        }
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new StandardBarPainter());
        CategoryAxis workers = new CategoryAxis();
        // Wrapped rather than cut short: with eight bars a one-line label keeps only its first few letters.
        workers.setMaximumCategoryLabelLines(3);
        CategoryPlot plot = new CategoryPlot(data, workers, new NumberAxis(valueLabel), renderer);
        write(file, style(new JFreeChart(title, titleFont(), plot, true)));
    }

    private static Font titleFont() {
        return new Font(Font.SANS_SERIF, Font.BOLD, 16);
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        if (chart.getPlot() instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        return chart;
    }

    private static void write(Path file, JFreeChart chart) {
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
