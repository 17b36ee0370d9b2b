package io.warden.rules.inspect;

import java.util.Locale;

/** The family a finding belongs to; its {@link #id()} prefixes every rule id of the family. */
public enum AttackClass {
    SQLI, XSS, TRAVERSAL, CMDI, NOSQLI, EVASION, INPUT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
