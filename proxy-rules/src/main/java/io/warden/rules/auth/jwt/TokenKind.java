package io.warden.rules.auth.jwt;

import java.util.Locale;

/**
 * Which kind of token a verification expects, told apart by the JOSE {@code typ} header
 * (RFC 8725 §3.11), so a refresh token of Warden's token service, signed with the same secret,
 * can never pass as an access token and the other way round.
 */
public enum TokenKind {
    /** Any {@code typ} (or none) except a refresh token's. */
    ACCESS,
    /** Exactly {@value #REFRESH_TYPE}. */
    REFRESH;

    public static final String REFRESH_TYPE = "refresh+jwt";

    boolean accepts(String typ) {
        boolean refresh = typ != null && normalise(typ).equals(REFRESH_TYPE);
        return this == REFRESH ? refresh : !refresh;
    }

    private static String normalise(String typ) {
        String t = typ.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("application/") ? t.substring("application/".length()) : t;
    }
}
