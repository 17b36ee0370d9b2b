package io.warden.rules.auth;

/** What the search for a request's token found. */
public sealed interface Extraction permits Extraction.Found, Extraction.Missing, Extraction.Ambiguous {

    /** Exactly one token, from {@code source}. */
    record Found(TokenSource source, String token) implements Extraction {
    }

    /** No token in any source the route looks at. */
    record Missing() implements Extraction {
    }

    /**
     * Tokens that could be read more than one way (two {@code Authorization} headers, a token in
     * both a header and the query...). Refused: the backend might read a different one than Warden
     * verified.
     *
     * @param problem what was ambiguous, without any token
     */
    record Ambiguous(String problem) implements Extraction {
    }
}
