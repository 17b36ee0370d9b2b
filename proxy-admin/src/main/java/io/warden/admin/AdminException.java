package io.warden.admin;

/** A request the endpoint refuses, with the status and short reason the client gets. */
public final class AdminException extends Exception {

    private final int status;

    public AdminException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
