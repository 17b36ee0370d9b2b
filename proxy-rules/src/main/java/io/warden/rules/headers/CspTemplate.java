package io.warden.rules.headers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Content-Security-Policy with {@code {nonce}} placeholders, split once so each response only
 * joins strings. Without a nonce (a request rejected before one was made) every source expression
 * holding the placeholder is dropped, which leaves the directive stricter, never looser.
 */
public final class CspTemplate {

    public static final String NONCE = "{nonce}";

    private final String policy;
    private final String[] parts;
    private final int fixedLength;
    private final String withoutNonce;

    private CspTemplate(String policy) {
        this.policy = policy;
        this.parts = policy.split(java.util.regex.Pattern.quote(NONCE), -1);
        int length = 0;
        for (String part : parts) {
            length += part.length();
        }
        this.fixedLength = length;
        this.withoutNonce = parts.length == 1 ? policy : dropNonceSources(policy);
    }

    public static CspTemplate of(String policy) {
        return new CspTemplate(Objects.requireNonNull(policy, "policy").trim());
    }

    public boolean usesNonce() {
        return parts.length > 1;
    }

    /** The policy as written, placeholders included. */
    public String policy() {
        return policy;
    }

    /** @param nonce the request's nonce, or null when it has none */
    public String render(String nonce) {
        if (nonce == null || parts.length == 1) {
            return withoutNonce;
        }
        // The usual policies place the nonce once or twice (script-src, style-src): string
        // concatenation sizes the result once and copies each part once, where a builder copies twice.
        if (parts.length == 2) {
            return parts[0] + nonce + parts[1];
        }
        if (parts.length == 3) {
            return parts[0] + nonce + parts[1] + nonce + parts[2];
        }
        StringBuilder sb = new StringBuilder(fixedLength + (parts.length - 1) * nonce.length());
        sb.append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(nonce).append(parts[i]);
        }
        return sb.toString();
    }

    /** Whether the policy already names where reports go. */
    boolean hasReportDirective() {
        return directiveNames().stream().anyMatch(name -> name.equals("report-uri") || name.equals("report-to"));
    }

    /** This policy with {@code extra} directives appended. */
    CspTemplate append(String extra) {
        String base = policy.endsWith(";") ? policy.substring(0, policy.length() - 1) : policy;
        return new CspTemplate(base.isEmpty() ? extra : base + "; " + extra);
    }

    private List<String> directiveNames() {
        List<String> names = new ArrayList<>();
        for (String directive : policy.split(";")) {
            String d = directive.trim();
            if (!d.isEmpty()) {
                int space = d.indexOf(' ');
                names.add((space < 0 ? d : d.substring(0, space)).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static String dropNonceSources(String policy) {
        List<String> directives = new ArrayList<>();
        for (String directive : policy.split(";")) {
            StringBuilder kept = new StringBuilder();
            for (String token : directive.trim().split("\\s+")) {
                if (!token.isEmpty() && !token.contains(NONCE)) {
                    kept.append(kept.length() == 0 ? "" : " ").append(token);
                }
            }
            if (kept.length() > 0) {
                directives.add(kept.toString());
            }
        }
        return String.join("; ", directives);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CspTemplate other && other.policy.equals(policy);
    }

    @Override
    public int hashCode() {
        return policy.hashCode();
    }

    @Override
    public String toString() {
        return policy;
    }
}
