package io.warden.rules.inspect.eval;

/** Where the evaluation puts a corpus line in a request. */
public enum Placement {
    /** {@code GET /search?q=<line>}, URL-encoded. */
    QUERY("query"),
    /** {@code POST /api/chat} with {@code {"message": <line>, ...}}. */
    JSON("json"),
    /** {@code POST /contact} with {@code name=...&message=<line>}, form-encoded. */
    FORM("form");

    private final String label;

    Placement(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
