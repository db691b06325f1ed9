package org.govhub.cases;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for PostgreSQL's {@code COPY … FROM STDIN} in its text format (tab between columns, newline after
 * each row, {@code \N} for null, backslash escapes), sent on the transaction's own connection. COPY is the
 * server's cheapest way in: no statement to parse or bind per row, and UTF-8 text goes out as the bytes it
 * already is.
 */
final class CopyRows {
    private final Rows rows;
    private boolean rowStarted;

    CopyRows(int expectedBytes) {
        rows = new Rows(expectedBytes);
    }

    /** Hands its buffer to the driver as it is, without the copy {@code toByteArray} makes. */
    private static final class Rows extends ByteArrayOutputStream {
        Rows(int size) {
            super(size);
        }

        void sendTo(CopyIn copy) throws SQLException {
            copy.writeToCopy(buf, 0, count);
        }
    }

    CopyRows text(String value) {
        return value == null ? nul() : utf8(value.getBytes(StandardCharsets.UTF_8));
    }

    /** An instant in ISO-8601 UTC, which a timestamp with time zone column reads exactly. */
    CopyRows instant(Instant value) {
        return value == null ? nul() : ascii(IsoInstant.format(value));
    }

    CopyRows number(long value) {
        return ascii(Long.toString(value));
    }

    /** A text column given as its UTF-8 bytes. */
    CopyRows utf8(byte[] value) {
        separate();
        int from = 0;
        for (int i = 0; i < value.length; i++) {
            byte escaped = switch (value[i]) {
                case '\\' -> '\\';
                case '\n' -> 'n';
                case '\r' -> 'r';
                case '\t' -> 't';
                default -> 0;
            };
            if (escaped != 0) {
                rows.write(value, from, i - from);
                rows.write('\\');
                rows.write(escaped);
                from = i + 1;
            }
        }
        rows.write(value, from, value.length - from);
        return this;
    }

    CopyRows nul() {
        return ascii("\\N");
    }

    void endRow() {
        rows.write('\n');
        rowStarted = false;
    }

    /** Sends the rows with {@code COPY table (columns) FROM STDIN} and checks the server took all of them. */
    void copyInto(Connection c, String tableAndColumns, int expectedRows) throws SQLException {
        var copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + tableAndColumns + " FROM STDIN");
        try {
            rows.sendTo(copy);
            long copied = copy.endCopy();
            if (copied != expectedRows) {
                throw new IllegalStateException("COPY into " + tableAndColumns + " took " + copied + " rows of " + expectedRows);
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private CopyRows ascii(String value) {
        separate();
        rows.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private void separate() {
        if (rowStarted) {
            rows.write('\t');
        }
        rowStarted = true;
    }
}
