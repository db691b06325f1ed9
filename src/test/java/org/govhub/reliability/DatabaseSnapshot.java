package org.govhub.reliability;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Row count and an MD5 digest of every row (as text, sorted) of every table in the schema (PostgreSQL). */
record DatabaseSnapshot(Map<String, String> tables) {
    static DatabaseSnapshot take(AgroalDataSource db) {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                        + " FROM \"" + name + "\" t")) {
                    rs.next();
                    out.put(name, rs.getLong(1) + " rows, md5 " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new DatabaseSnapshot(out);
    }

    /** Tables whose count or digest differ, with before → after. */
    Map<String, String> diff(DatabaseSnapshot after) {
        Map<String, String> changed = new TreeMap<>();
        for (String table : after.tables.keySet()) {
            String before = tables.getOrDefault(table, "absent");
            if (!before.equals(after.tables.get(table))) {
                changed.put(table, before + " -> " + after.tables.get(table));
            }
        }
        return changed;
    }
}
