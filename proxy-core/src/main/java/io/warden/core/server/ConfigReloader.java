package io.warden.core.server;

import io.warden.core.config.ConfigException;
import io.warden.core.config.ConfigSource;
import io.warden.core.http.DataPlanePolicy;
import io.warden.rules.config.ConfigProblem;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Applies a changed configuration while Warden runs. The new files are read and validated and a
 * whole new policy is built before anything changes; then it replaces the old one in a single
 * atomic swap, so a request in flight finishes on the policy it started with and the next one
 * sees the new. Counters, blocks and open connections live outside the policy and survive.
 * A configuration that does not validate changes nothing: the old policy stays and an integrity
 * event and a log line say exactly why. Settings that cannot change live (listeners, the upstream
 * pool, ...) keep their old values and are reported instead of being half-applied.
 */
final class ConfigReloader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    /** Sections fixed at start: what a running Warden is bound to or has sized. */
    private static final Map<String, Function<WardenConfig, Object>> FIXED = fixedSections();

    private final ConfigSource source;
    private final PolicyFactory policies;
    private final AtomicReference<DataPlanePolicy> current;
    private final EventSink events;
    private final EventFactory eventFactory;
    private WardenConfig started;

    ConfigReloader(ConfigSource source, WardenConfig started, PolicyFactory policies,
                   AtomicReference<DataPlanePolicy> current, EventSink events, EventFactory eventFactory) {
        this.source = source;
        this.started = started;
        this.policies = policies;
        this.current = current;
        this.events = events;
        this.eventFactory = eventFactory;
    }

    private static Map<String, Function<WardenConfig, Object>> fixedSections() {
        Map<String, Function<WardenConfig, Object>> fixed = new LinkedHashMap<>();
        fixed.put("environment", WardenConfig::environment);
        fixed.put("dataDir", WardenConfig::dataDir);
        fixed.put("listen", WardenConfig::listen);
        fixed.put("upstream.url", c -> c.upstream().url());
        fixed.put("upstream.connectTimeout", c -> c.upstream().connectTimeout());
        fixed.put("upstream.pool", c -> c.upstream().pool());
        fixed.put("server.ioThreads", c -> c.server().ioThreads());
        fixed.put("tls", WardenConfig::tls);
        fixed.put("rateLimit.allowList", c -> c.rateLimit().allowList());
        fixed.put("rateLimit.ipv6Prefix", c -> c.rateLimit().ipv6Prefix());
        fixed.put("rateLimit.headers", c -> c.rateLimit().headers());
        fixed.put("rateLimit.maxTrackedKeys", c -> c.rateLimit().maxTrackedKeys());
        fixed.put("rateLimit.bots", c -> c.rateLimit().bots());
        fixed.put("rateLimit.streams", c -> c.rateLimit().streams());
        fixed.put("rateLimit.costBudget", c -> c.rateLimit().costBudget());
        fixed.put("blocking", WardenConfig::blocking);
        fixed.put("auth.maxFailedLogins", c -> c.auth().maxFailedLogins());
        fixed.put("auth.loginPaths", c -> c.auth().loginPaths());
        fixed.put("auth.jwks.url", c -> c.auth().jwks() == null ? null : c.auth().jwks().url());
        fixed.put("auth.maxRevokedTokens", c -> c.auth().maxRevokedTokens());
        fixed.put("auth.tokenService", c -> c.auth().tokenService());
        fixed.put("admin", WardenConfig::admin);
        fixed.put("monitoring", WardenConfig::monitoring);
        fixed.put("redis", WardenConfig::redis);
        fixed.put("logging", WardenConfig::logging);
        return Map.copyOf(fixed);
    }

    synchronized ReloadResult reload(String trigger) {
        WardenConfig next;
        DataPlanePolicy policy;
        try {
            next = source.load();
            policy = policies.build(next);
        } catch (ConfigException e) {
            return refuse(trigger, e.problems().stream().map(ConfigProblem::toString).toList());
        } catch (IllegalArgumentException e) {
            return refuse(trigger, List.of(e.getMessage()));
        }
        List<String> needsRestart = new ArrayList<>();
        FIXED.forEach((key, section) -> {
            if (!java.util.Objects.equals(section.apply(started), section.apply(next))) {
                needsRestart.add(key);
            }
        });
        current.set(policy);
        if (needsRestart.isEmpty()) {
            LOG.info("configuration reloaded ({})", trigger);
        } else {
            LOG.warn("configuration reloaded ({}); these changed but apply only after a restart: {}", trigger,
                    needsRestart);
        }
        events.emit(eventFactory.create(EventType.CONFIG_RELOADED, ThreatLevel.LOW, null, null, null,
                Map.of("trigger", trigger, "needsRestart", needsRestart, "routes", next.routes().size())));
        return new ReloadResult(true, List.of(), needsRestart);
    }

    private ReloadResult refuse(String trigger, List<String> problems) {
        LOG.error("configuration reload refused ({}); the running policy stays: {}", trigger, problems);
        events.emit(eventFactory.create(EventType.CONFIG_REJECTED, ThreatLevel.HIGH, null, null, null,
                Map.of("trigger", trigger, "problems", problems)));
        return new ReloadResult(false, problems, List.of());
    }
}
