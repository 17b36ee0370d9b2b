package io.warden.core.cli;

import io.warden.core.demo.DemoBackend;
import io.warden.rules.config.HostPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code demo}: runs the built-in sample backend that {@code scripts/run.sh --demo} puts behind Warden. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the sample backend (JSON endpoints, an SSE stream, a WebSocket echo).")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8000",
            description = "where the sample backend listens (default: ${DEFAULT-VALUE})")
    String listen;

    /** Only for the sample backend: a fixed secret so its tokens work out of the box in a demo. */
    static final String DEMO_SECRET = "warden-demo-secret-not-for-production-0123456789";

    /** The secret its tokens are signed with: {@code SECURITY_JWT_SECRET_KEY}, as Warden reads it, else the demo's. */
    private static String jwtSecret() {
        String fromEnv = System.getenv("SECURITY_JWT_SECRET_KEY");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEMO_SECRET;
    }

    @Override
    public Integer call() throws Exception {
        HostPort address = HostPort.parse(listen);
        DemoBackend backend = DemoBackend.start(address.host(), address.port(), jwtSecret());
        System.out.println("demo backend listening on " + address.host() + ":" + backend.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            backend.close();
            stopped.countDown();
        }, "demo-shutdown"));
        stopped.await();
        return 0;
    }
}
