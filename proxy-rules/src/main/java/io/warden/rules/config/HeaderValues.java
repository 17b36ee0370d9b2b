package io.warden.rules.config;

/** Validation of header values an operator writes into the configuration. */
final class HeaderValues {

    private HeaderValues() {
    }

    /** A value that would split the response head (CR, LF) or that a client chokes on (other controls). */
    static void check(Problems p, String key, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                p.add(key, "must be a single line of visible Latin-1 characters");
                return;
            }
        }
    }
}
