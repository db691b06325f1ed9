package org.govhub.common;

import java.sql.Connection;
import java.sql.SQLException;

/** The few places that take a PostgreSQL-only path (production) and keep a portable one for embedded H2. */
public final class Databases {
    private Databases() {
    }

    public static boolean isPostgreSql(Connection c) throws SQLException {
        return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }
}
