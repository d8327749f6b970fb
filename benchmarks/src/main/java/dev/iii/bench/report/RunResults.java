package dev.iii.bench.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.iii.bench.run.Cell;
import dev.iii.bench.run.ChannelThroughput;
import dev.iii.bench.run.IdleFootprint;
import dev.iii.bench.run.JmhSuite;
import dev.iii.bench.run.LoadMatrix;
import dev.iii.bench.run.Measurement;
import dev.iii.bench.run.NodeCompression;
import dev.iii.bench.run.QuickstartStartup;
import dev.iii.bench.run.RegistrationTiming;
import dev.iii.bench.run.Variant;

/**
 * Everything one run measured, and how it was run: what the report is written from.
 *
 * @param command             the command that ran it, as documented
 * @param mode                {@code quick} or {@code full}
 * @param plan                the load matrix's cells, rounds and window lengths
 * @param skippedCells        cells left out for holding more than {@code maxInFlightBytes} at once
 * @param maxInFlightBytes    the limit on payload bytes in flight
 * @param facts               the machine and the software
 * @param clockTickNanos      resolution of the CPU times
 * @param variants            the caller and worker pairs measured, floor first
 * @param measurements        every measured window
 * @param extensions          WebSocket extensions each process negotiated, by process name
 * @param deflateDeclined     whether the engine declined the Node SDK's permessage-deflate offer
 * @param footprints          idle memory of each worker
 * @param registeredFunctions functions per registration batch
 * @param registrationNode    how the Node registration workers' WebSocket ran
 * @param registrations       every registration round
 * @param startups            every quickstart start-up
 * @param channels            every data channel stream
 * @param jmh                 the JMH scores (empty when JMH was skipped)
 * @param duration            how long the run took, build excluded
 */
public record RunResults(String command, String mode, LoadMatrix.Plan plan, List<Cell> skippedCells,
        long maxInFlightBytes, MachineFacts facts, long clockTickNanos, List<Variant> variants,
        List<Measurement> measurements, Map<String, String> extensions, boolean deflateDeclined,
        List<IdleFootprint.Result> footprints, int registeredFunctions, NodeCompression registrationNode,
        List<RegistrationTiming.Result> registrations, List<QuickstartStartup.Result> startups,
        List<ChannelThroughput.Result> channels, List<JmhSuite.Score> jmh, Duration duration) {
}
