package io.warden.core.state;

import io.warden.rules.config.PostgresConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opening and closing the audit trail's JDBC connections, with timeouts so no call hangs forever. */
final class PostgresConnections {

    private PostgresConnections() {
    }

    static Connection open(PostgresConfig config) throws SQLException {
        Properties p = new Properties();
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "warden");
        return DriverManager.getConnection(config.url(), p);
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
        }
    }
}
