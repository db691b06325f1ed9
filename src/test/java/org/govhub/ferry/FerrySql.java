package org.govhub.ferry;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** One-value SQL reads the ferry tests assert on (state columns, counts). */
final class FerrySql {
    private FerrySql() {
    }

    /** The first column of the first row, or null when there is none. */
    static String text(AgroalDataSource db, String sql, Object... params) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static long count(AgroalDataSource db, String sql, Object... params) throws Exception {
        String value = text(db, sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }
}
