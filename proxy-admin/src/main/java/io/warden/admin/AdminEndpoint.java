package io.warden.admin;

/** One admin operation. Runs on the admin thread, never on the data plane's event loops. */
@FunctionalInterface
public interface AdminEndpoint {

    AdminResponse handle(AdminRequest request) throws AdminException;
}
