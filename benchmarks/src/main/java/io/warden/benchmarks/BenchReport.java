package io.warden.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Turns a JMH JSON result file into the markdown table {@code scripts/bench.sh} prints: each
 * stage's figure beside the brief's budget and its issue's target, with the allocation and CPU
 * time per operation when the run had the {@code gc} and {@link InspectionBenchmark.CpuTime}
 * profilers.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.warden.benchmarks.BenchReport results.json}
 */
public final class BenchReport {

    /** How a stage's figure is read from its JMH score. */
    private enum Figure {
        /** An average time: the figure is ns or µs per operation. */
        TIME,
        /** Operations per second: the figure is decisions per second. */
        RATE,
        /** One operation per byte, in ops/µs: the figure is MB/s and µs per KB. */
        BYTES
    }

    /**
     * One row: the benchmark, how to read it, and the limits. {@code budgetNanos} is per request
     * (per operation, or per whole body for {@link Figure#BYTES}), {@code targetNanos} per
     * operation; {@code targetRate} is a minimum rate; 0 means none.
     */
    private record Stage(String stage, String benchmark, Figure figure, String budget, double budgetNanos,
                         String target, double targetNanos, double targetRate) {
    }

    private static final double MS = 1_000_000;
    private static final double US = 1_000;

    private static final List<Stage> STAGES = List.of(
            new Stage("rate limiter, one key", "RateLimitBenchmark.existingKeyAllowed", Figure.RATE,
                    "< 1 ms", MS, ">= 5 M decisions/s (#11)", 0, 5_000_000),
            new Stage("rate limiter, 2 threads x 10k keys", "RateLimitBenchmark.contendedTwoThreadsTenThousandKeys",
                    Figure.RATE, "< 1 ms", MS, ">= 5 M decisions/s (#11)", 0, 5_000_000),
            new Stage("rate-limit check (whole step)", "RateLimitBenchmark.wholeCheckOneClient", Figure.RATE,
                    "< 1 ms", MS, "", 0, 0),
            new Stage("inspection, 1 KB JSON chat message", "InspectionBenchmark.chatMessageJson", Figure.TIME,
                    "< 2 ms", 2 * MS, "< 5 us (#5)", 5 * US, 0),
            new Stage("inspection, same message, new conversation ids", "InspectionBenchmark.chatMessageJsonNewConversation",
                    Figure.TIME, "< 2 ms", 2 * MS, "< 5 us (#5)", 5 * US, 0),
            new Stage("inspection, benign JSON (64 KB)", "InspectionBenchmark.benignJsonMBps", Figure.BYTES,
                    "< 2 ms / request", 2 * MS, "MB/s reported (#5)", 0, 0),
            new Stage("inspection, attack-heavy JSON (64 KB)", "InspectionBenchmark.attackJsonMBps", Figure.BYTES,
                    "< 2 ms / request", 2 * MS, "MB/s reported (#5)", 0, 0),
            new Stage("JWT HS256 verify", "JwtVerifyBenchmark.hs256", Figure.TIME,
                    "< 1 ms", MS, "< 5 us (#11)", 5 * US, 0),
            new Stage("JWT HS256, token seen before", "JwtVerifyBenchmark.hs256Remembered", Figure.TIME,
                    "< 1 ms", MS, "< 5 us (#11)", 5 * US, 0),
            new Stage("JWT RS256 verify", "JwtVerifyBenchmark.rs256", Figure.TIME, "< 1 ms", MS, "", 0, 0),
            new Stage("header policy, response step", "HeaderBenchmark.responseStep", Figure.TIME,
                    "", 0, "< 1 us", US, 0),
            new Stage("header policy, suspicious-header check", "HeaderBenchmark.suspiciousHeaderCheck", Figure.TIME,
                    "", 0, "< 1 us", US, 0),
            new Stage("route match, 200 routes", "RouteMatchBenchmark.matchDeepInTheTable", Figure.TIME,
                    "", 0, "< 1 us (#3)", US, 0),
            new Stage("route match, encoded spelling", "RouteMatchBenchmark.matchAnEncodedSpelling", Figure.TIME,
                    "", 0, "< 1 us (#3)", US, 0),
            new Stage("route match, no route", "RouteMatchBenchmark.noRouteMatches", Figure.TIME,
                    "", 0, "< 1 us (#3)", US, 0),
            new Stage("event emit (enqueue)", "EventEmitBenchmark.emit", Figure.TIME,
                    "< 3 ms / event", 3 * MS, "< 1 us (#11)", US, 0),
            new Stage("event create and emit", "EventEmitBenchmark.createAndEmit", Figure.TIME,
                    "< 3 ms / event", 3 * MS, "< 1 us (#11)", US, 0),
            new Stage("whole decision, chat POST head", "DecisionBenchmark.chatPostDecision", Figure.TIME,
                    "< 3 ms (limiter + validation)", 3 * MS, "", 0, 0),
            new Stage("whole decision, chat POST with 1 KB body", "DecisionBenchmark.chatPostWithBodyDecision",
                    Figure.TIME, "< 3 ms (limiter + validation)", 3 * MS, "", 0, 0));

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchReport <jmh-results.json>");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(new File(args[0]));
        StringBuilder out = new StringBuilder();
        out.append("| stage | figure | CPU per op | alloc per op | brief budget | issue target | verdict |\n");
        out.append("| --- | ---: | ---: | ---: | --- | --- | --- |\n");
        for (Stage stage : STAGES) {
            JsonNode result = find(results, stage.benchmark());
            if (result != null) {
                out.append(row(stage, result)).append('\n');
            }
        }
        System.out.print(out);
    }

    private static JsonNode find(JsonNode results, String benchmark) {
        for (JsonNode result : results) {
            if (result.path("benchmark").asText().endsWith("." + benchmark)) {
                return result;
            }
        }
        return null;
    }

    private static String row(Stage stage, JsonNode result) {
        JsonNode primary = result.path("primaryMetric");
        double score = primary.path("score").asDouble();
        double error = primary.path("scoreError").asDouble();
        String unit = primary.path("scoreUnit").asText();
        double nanosPerOp = nanosPerOp(stage.figure(), score, unit, result.path("threads").asInt(1));
        String figure = switch (stage.figure()) {
            case TIME -> time(nanosPerOp) + " ± " + time(nanosPerOp * error / score);
            case RATE -> String.format(Locale.ROOT, "%.1f M/s (%s/op)", score * perSecond(unit) / 1e6, time(nanosPerOp));
            case BYTES -> String.format(Locale.ROOT, "%.0f MB/s (%s/KB, %s per 64 KB body)", score,
                    time(1024 * nanosPerOp), time(InspectionBenchmark.BULK_BYTES * nanosPerOp));
        };
        JsonNode secondary = result.path("secondaryMetrics");
        String cpu = secondary.has("cpu.ns/op")
                ? time(secondary.path("cpu.ns/op").path("score").asDouble() * (stage.figure() == Figure.BYTES ? 1024 : 1))
                + (stage.figure() == Figure.BYTES ? "/KB" : "") : "";
        String alloc = secondary.has("gc.alloc.rate.norm")
                ? String.format(Locale.ROOT, "%.0f B", secondary.path("gc.alloc.rate.norm").path("score").asDouble()
                * (stage.figure() == Figure.BYTES ? 1024 : 1)) + (stage.figure() == Figure.BYTES ? "/KB" : "") : "";
        return "| " + stage.stage() + " | " + figure + " | " + cpu + " | " + alloc + " | " + stage.budget()
                + " | " + stage.target() + " | " + verdict(stage, score * perSecond(unit), nanosPerOp) + " |";
    }

    /** The time of one operation of one thread, in nanoseconds. */
    private static double nanosPerOp(Figure figure, double score, String unit, int threads) {
        return switch (figure) {
            case TIME -> score * nanosPer(unit.substring(0, unit.indexOf('/')));
            case RATE, BYTES -> threads * 1e9 / (score * perSecond(unit));
        };
    }

    private static String verdict(Stage stage, double rate, double nanosPerOp) {
        // A byte-throughput stage's budget is per request: the whole body the benchmark inspects.
        double perRequest = stage.figure() == Figure.BYTES ? nanosPerOp * InspectionBenchmark.BULK_BYTES : nanosPerOp;
        boolean withinBudget = stage.budgetNanos() == 0 || perRequest < stage.budgetNanos();
        boolean meetsTarget = (stage.targetNanos() == 0 || nanosPerOp < stage.targetNanos())
                && (stage.targetRate() == 0 || rate >= stage.targetRate());
        if (!withinBudget) {
            return "OVER BUDGET";
        }
        if (stage.targetNanos() == 0 && stage.targetRate() == 0) {
            return stage.budgetNanos() == 0 ? "" : "within budget";
        }
        return meetsTarget ? "meets target" : "misses target";
    }

    private static double nanosPer(String timeUnit) {
        return switch (timeUnit) {
            case "ns" -> 1;
            case "us" -> US;
            case "ms" -> MS;
            case "s" -> 1e9;
            default -> throw new IllegalArgumentException("unknown time unit " + timeUnit);
        };
    }

    /** The factor from a JMH throughput unit ({@code ops/us}) to operations per second. */
    private static double perSecond(String unit) {
        return unit.startsWith("ops/") ? 1e9 / nanosPer(unit.substring(4)) : 1;
    }

    private static String time(double nanos) {
        if (nanos >= MS) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / MS);
        }
        if (nanos >= 10 * US) {
            return String.format(Locale.ROOT, "%.1f us", nanos / US);
        }
        if (nanos >= US) {
            return String.format(Locale.ROOT, "%.2f us", nanos / US);
        }
        return String.format(Locale.ROOT, "%.0f ns", nanos);
    }
}
