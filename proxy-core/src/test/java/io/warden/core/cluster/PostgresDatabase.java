package io.warden.core.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the machine's PostgreSQL for one test run, dropped at the end. Where the
 * server is comes from {@code WARDEN_TEST_POSTGRES} (a JDBC URL of a database the user may create
 * databases from, default {@code jdbc:postgresql://127.0.0.1:5432/postgres}) and
 * {@code WARDEN_TEST_POSTGRES_USER} (default {@code postgres}).
 */
final class PostgresDatabase implements AutoCloseable {

    private final String adminUrl;
    private final String user;
    private final String name;

    private PostgresDatabase(String adminUrl, String user, String name) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.name = name;
    }

    static PostgresDatabase create() throws Exception {
        String adminUrl = System.getenv().getOrDefault("WARDEN_TEST_POSTGRES",
                "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getenv().getOrDefault("WARDEN_TEST_POSTGRES_USER", "postgres");
        String name = "warden_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(adminUrl, user, System.getenv("WARDEN_TEST_POSTGRES_PASSWORD"));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new PostgresDatabase(adminUrl, user, name);
    }

    String url() {
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + name + (query < 0 ? "" : adminUrl.substring(query));
    }

    String user() {
        return user;
    }

    Connection connect() throws Exception {
        return DriverManager.getConnection(url(), user, System.getenv("WARDEN_TEST_POSTGRES_PASSWORD"));
    }

    @Override
    public void close() throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, System.getenv("WARDEN_TEST_POSTGRES_PASSWORD"));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
