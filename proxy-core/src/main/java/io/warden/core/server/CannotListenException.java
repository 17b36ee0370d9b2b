package io.warden.core.server;

/** A listener could not bind: the message names the key and the address, e.g. a port already in use. */
public final class CannotListenException extends Exception {

    public CannotListenException(String key, Object address, Throwable cause) {
        super(key + ": cannot listen on " + address + " (" + rootMessage(cause) + ")", cause, false, false);
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
