package io.warden.benchmarks;

import io.warden.rules.inspect.InspectionEngine;
import io.warden.rules.inspect.InspectionSettings;
import io.warden.rules.inspect.InspectionVerdict;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One 1 MiB body built to hurt a scanner: a single JSON string (or form value) repeating one
 * pattern. Linear detectors cost about the same per byte as on ordinary text; a quadratic one
 * would take seconds here.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InspectionPathologicalBenchmark {

    static final int SIZE = 1 << 20;

    /** The repeated pattern; "form:" ones travel as a urlencoded form value. */
    @Param({"form:%25", "json:&#", "json:'", "json:(select ", "json:union select 1,", "json:<a ", "json:;id|",
        "json:../", "json:$(", "json:a", "nested"})
    public String pattern;

    private InspectionEngine engine;
    private InspectionSettings settings;
    private RequestContext request;
    private RequestBody body;

    @Setup
    public void setUp() throws Exception {
        engine = InspectionEngine.standard();
        settings = InspectionSettings.defaults();
        byte[] bytes;
        String contentType;
        if (pattern.equals("nested")) {
            StringBuilder json = new StringBuilder();
            while (json.length() < SIZE - 64) {
                json.append("{\"a\":[{\"b\":\"x' or 1=1 --\"},");
                json.append("[1,2,{\"$where\":\"sleep(1)\"}]],\"c\":\"<svg onload=x>\"},");
            }
            bytes = ("[" + json + "0]").getBytes(StandardCharsets.UTF_8);
            contentType = "application/json";
        } else if (pattern.startsWith("form:")) {
            bytes = ("message=" + repeat(pattern.substring(5))).getBytes(StandardCharsets.UTF_8);
            contentType = "application/x-www-form-urlencoded";
        } else {
            bytes = ("{\"message\":\"" + repeat(pattern.substring(5)) + "\"}").getBytes(StandardCharsets.UTF_8);
            contentType = "application/json";
        }
        settings = new InspectionSettings(settings.mode(), settings.paranoia(), settings.exclusions(),
                bytes.length, settings.headers());
        request = InspectionBenchmark.post(bytes.length);
        body = new RequestBody(contentType, bytes);
    }

    private static String repeat(String unit) {
        return unit.repeat(SIZE / unit.length());
    }

    @Benchmark
    public InspectionVerdict oneMebibyte() {
        return engine.inspectBody(request, body, settings);
    }
}
