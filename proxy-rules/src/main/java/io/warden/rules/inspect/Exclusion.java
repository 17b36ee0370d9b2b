package io.warden.rules.inspect;

import java.util.Objects;

/**
 * A targeted exception: findings of {@code rule} at {@code location} do not count.
 *
 * @param rule a rule id ({@code sqli.tautology}), a class id ({@code sqli}) or {@code *}
 * @param location a location as findings name it ({@code query:q}, {@code json:$.message},
 *                 {@code header:User-Agent}, {@code cookie:sid}, {@code form:comment}, {@code path});
 *                 {@code *} matches any run of characters ({@code json:$.messages[*].content}).
 *                 Header names compare ignoring case.
 */
public record Exclusion(String rule, String location) {

    public Exclusion {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(location, "location");
    }

    /** Whether the rule part names a rule id, a class id or everything. */
    public static boolean isValidRule(String rule) {
        if ("*".equals(rule) || Rule.byId(rule) != null) {
            return true;
        }
        for (AttackClass c : AttackClass.values()) {
            if (c.id().equals(rule)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(Rule finding, String findingLocation) {
        boolean ruleMatches = "*".equals(rule) || rule.equals(finding.id()) || rule.equals(finding.attackClass().id());
        return ruleMatches && Glob.matches(location, findingLocation, findingLocation.startsWith("header:"));
    }

    /** A "*" wildcard match with a single backtrack point (as shells do); locations and patterns are short. */
    static final class Glob {
        private Glob() {
        }

        static boolean matches(String pattern, String text, boolean ignoreCase) {
            int p = 0;
            int s = 0;
            int star = -1;
            int mark = 0;
            while (s < text.length()) {
                if (p < pattern.length() && pattern.charAt(p) != '*' && same(pattern.charAt(p), text.charAt(s), ignoreCase)) {
                    p++;
                    s++;
                } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                    star = p++;
                    mark = s;
                } else if (star >= 0) {
                    p = star + 1;
                    s = ++mark;
                } else {
                    return false;
                }
            }
            while (p < pattern.length() && pattern.charAt(p) == '*') {
                p++;
            }
            return p == pattern.length();
        }

        private static boolean same(char a, char b, boolean ignoreCase) {
            return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
        }
    }
}
