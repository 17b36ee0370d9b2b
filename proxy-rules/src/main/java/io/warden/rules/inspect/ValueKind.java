package io.warden.rules.inspect;

/** What part of a request a value came from; detectors tune what they look for by it. */
public enum ValueKind {
    PATH, QUERY_NAME, QUERY_VALUE, FORM_NAME, FORM_VALUE, JSON_KEY, JSON_VALUE, HEADER, COOKIE,
    MULTIPART_VALUE, TEXT_BODY;

    /** A parameter or field name rather than a value. */
    public boolean isName() {
        return this == QUERY_NAME || this == FORM_NAME || this == JSON_KEY;
    }
}
