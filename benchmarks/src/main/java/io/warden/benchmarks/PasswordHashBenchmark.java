package io.warden.benchmarks;

import io.warden.rules.auth.password.BcryptPasswordHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * bcrypt at cost 12: meant to be slow (that is its defence against offline guessing). The figure
 * says how many logins per second a worker thread can check, and why it must never run on an
 * event loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordHashBenchmark {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    private BcryptPasswordHasher hasher;
    private String hash;

    @Setup
    public void setUp() {
        hasher = new BcryptPasswordHasher(12, new SecureRandom());
        hash = hasher.hash(PASSWORD);
    }

    @Benchmark
    public boolean bcryptCost12Verify() {
        return hasher.verify(PASSWORD, hash);
    }
}
