package io.warden.rules.inspect.normalize;

/** The encoding a value still carries from the request itself. */
public enum Transport {
    /** Already decoded (JSON strings, headers, multipart text). */
    NONE,
    /** Percent-encoded, '+' literal (a path segment). */
    PERCENT,
    /** Percent-encoded with '+' for space (query strings, form bodies). */
    FORM
}
