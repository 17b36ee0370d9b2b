package io.warden.rules.pipeline;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.route.RoutePolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One request as the checks see it. The request facts are fixed at construction; the outputs
 * (identity, headers to add) are written by checks. It lives on one event-loop thread, so it is
 * deliberately not thread-safe.
 */
public final class RequestContext {

    private final String requestId;
    private final ClientAddress client;
    private final String method;
    private final String target;
    private final String path;
    private final String query;
    private final HeaderView headers;
    private final boolean secure;
    private final long contentLength;
    private final boolean chunked;
    private final RoutePolicy route;

    private Identity identity;
    private Map<String, String> upstreamHeaders;
    private Set<String> removedUpstreamHeaders;
    private String upstreamTarget;
    private Map<String, String> responseHeaders;
    private boolean answeredLocally;
    private List<AutoCloseable> onEnd;

    private RequestContext(Builder b) {
        this.requestId = Objects.requireNonNull(b.requestId, "requestId");
        this.client = Objects.requireNonNull(b.client, "client");
        this.method = Objects.requireNonNull(b.method, "method");
        this.target = Objects.requireNonNull(b.target, "target");
        this.headers = Objects.requireNonNull(b.headers, "headers");
        this.route = Objects.requireNonNull(b.route, "route");
        this.secure = b.secure;
        this.contentLength = b.contentLength;
        this.chunked = b.chunked;
        int q = target.indexOf('?');
        this.path = q < 0 ? target : target.substring(0, q);
        this.query = q < 0 ? null : target.substring(q + 1);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String requestId() {
        return requestId;
    }

    public ClientAddress client() {
        return client;
    }

    public String method() {
        return method;
    }

    /** The request-target as received (origin form): path and query, still percent-encoded. */
    public String target() {
        return target;
    }

    /** The path part of the target, still percent-encoded. */
    public String path() {
        return path;
    }

    /** The query part of the target without '?', still percent-encoded; null when absent. */
    public String query() {
        return query;
    }

    public HeaderView headers() {
        return headers;
    }

    /** Whether the client's connection to the edge is HTTPS (directly or per a trusted proxy). */
    public boolean secure() {
        return secure;
    }

    /** The declared {@code Content-Length}, or -1 when none was declared. */
    public long contentLength() {
        return contentLength;
    }

    public boolean chunked() {
        return chunked;
    }

    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    public RoutePolicy route() {
        return route;
    }

    public Identity identity() {
        return identity;
    }

    public void identity(Identity verified) {
        this.identity = verified;
    }

    /** Headers a check wants added to the request forwarded upstream (e.g. the verified subject). */
    public Map<String, String> upstreamHeaders() {
        return upstreamHeaders == null ? Map.of() : upstreamHeaders;
    }

    public void addUpstreamHeader(String name, String value) {
        if (upstreamHeaders == null) {
            upstreamHeaders = new LinkedHashMap<>(4);
        }
        upstreamHeaders.put(name, value);
    }

    /**
     * Headers a check wants removed from the request forwarded upstream (e.g. a credential it
     * consumed). The data plane removes these first, then adds {@link #upstreamHeaders()}.
     */
    public Set<String> removedUpstreamHeaders() {
        return removedUpstreamHeaders == null ? Set.of() : removedUpstreamHeaders;
    }

    public void removeUpstreamHeader(String name) {
        if (removedUpstreamHeaders == null) {
            removedUpstreamHeaders = new LinkedHashSet<>(4);
        }
        removedUpstreamHeaders.add(name);
    }

    /**
     * The request-target to forward upstream: the one received, unless a check rewrote it (e.g.
     * to drop a token from the query).
     */
    public String upstreamTarget() {
        return upstreamTarget == null ? target : upstreamTarget;
    }

    public void rewriteUpstreamTarget(String rewritten) {
        this.upstreamTarget = Objects.requireNonNull(rewritten, "rewritten");
    }

    /** Headers a check wants on the response, whatever it is (e.g. rate-limit headers). */
    public Map<String, String> responseHeaders() {
        return responseHeaders == null ? Map.of() : responseHeaders;
    }

    public void addResponseHeader(String name, String value) {
        if (responseHeaders == null) {
            responseHeaders = new LinkedHashMap<>(4);
        }
        responseHeaders.put(name, value);
    }

    /** Whether Warden answered this request itself (a rejection), so the upstream never saw it. */
    public boolean answeredLocally() {
        return answeredLocally;
    }

    /** Set by the data plane before response steps run on a response Warden wrote itself. */
    public void markAnsweredLocally() {
        this.answeredLocally = true;
    }

    /**
     * Something to release when the exchange ends, however it ends (e.g. a stream's concurrency
     * lease): the data plane calls {@link #end()} exactly once per request.
     */
    public void releaseOnEnd(AutoCloseable resource) {
        if (onEnd == null) {
            onEnd = new ArrayList<>(1);
        }
        onEnd.add(resource);
    }

    /** Releases what checks asked to; a failing release does not stop the others. */
    public void end() {
        if (onEnd == null) {
            return;
        }
        List<AutoCloseable> resources = onEnd;
        onEnd = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // a lease release has nothing to report: the counter it frees is in memory
            }
        }
    }

    /** An event about this request, stamped with its id, client and route. */
    public SecurityEvent event(EventFactory events, EventType type, ThreatLevel level, Map<String, Object> details) {
        return events.create(type, level, client.text(), requestId, route.name(), details);
    }

    /** Builds a context; the data plane fills it from the decoded request head. */
    public static final class Builder {
        private String requestId;
        private ClientAddress client;
        private String method;
        private String target;
        private HeaderView headers;
        private RoutePolicy route;
        private boolean secure;
        private long contentLength = -1;
        private boolean chunked;

        private Builder() {
        }

        public Builder requestId(String value) {
            this.requestId = value;
            return this;
        }

        public Builder client(ClientAddress value) {
            this.client = value;
            return this;
        }

        public Builder method(String value) {
            this.method = value;
            return this;
        }

        public Builder target(String value) {
            this.target = value;
            return this;
        }

        public Builder headers(HeaderView value) {
            this.headers = value;
            return this;
        }

        public Builder route(RoutePolicy value) {
            this.route = value;
            return this;
        }

        public Builder secure(boolean value) {
            this.secure = value;
            return this;
        }

        public Builder contentLength(long value) {
            this.contentLength = value;
            return this;
        }

        public Builder chunked(boolean value) {
            this.chunked = value;
            return this;
        }

        public RequestContext build() {
            return new RequestContext(this);
        }
    }
}
