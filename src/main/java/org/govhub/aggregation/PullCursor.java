package org.govhub.aggregation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How far this node has read a downstream hub's change feed: the last position taken and how many
 * entries that was. Both move in the same transaction as the versions a page delivered, so after a
 * crash or restart the next page starts exactly behind the last one stored.
 */
@Entity
@Table(name = "aggregation_cursor")
public class PullCursor extends PanacheEntityBase {
    @Id
    public String source;

    public long position;

    public long entries;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * Moves the cursor from {@code from} to {@code to} inside the caller's transaction. Fails when
     * the stored cursor is no longer at {@code from} (another pull of the same source won the race),
     * which rolls the whole page back instead of storing it twice.
     */
    static void advance(Connection c, String source, long from, long to, int entries, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE aggregation_cursor SET position = ?, entries = entries + ?,"
                + " updated_at = ? WHERE source = ? AND position = ?")) {
            s.setLong(1, to);
            s.setLong(2, entries);
            s.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            s.setString(4, source);
            s.setLong(5, from);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("the feed cursor of " + source + " is no longer at " + from
                        + ": another pull of that source stored this page first");
            }
        }
    }
}
