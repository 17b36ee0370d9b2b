package io.warden.rules.pipeline;

import io.warden.rules.events.EventFactory;

/** Request ids: made fresh here, or taken from a trusted proxy when well-formed. */
public final class RequestIds {

    static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    public static String newId() {
        return EventFactory.newId();
    }

    /**
     * The proxy-supplied id when it is 1–128 characters of letters, digits and {@code -_.:}; a
     * fresh one otherwise, so a header cannot smuggle spaces, quotes or line breaks into logs.
     */
    public static String acceptOrNew(String supplied) {
        return isWellFormed(supplied) ? supplied : newId();
    }

    public static boolean isWellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
