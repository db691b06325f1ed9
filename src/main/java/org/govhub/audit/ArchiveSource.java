package org.govhub.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A kind of online data that leaves the database for archive objects once it is older than the
 * online window. Archiving always takes a contiguous run from the oldest online row, ending with
 * the last row of that row's month (UTC), so what stays online is an unbroken suffix — for the
 * audit trail, an unbroken tail of the hash chain.
 */
public interface ArchiveSource {

    /** Stable name, used in object keys and the archive record, e.g. {@code audit}. */
    String kind();

    /** The oldest online row's key and month, when that whole month lies before the cutoff. */
    Optional<Due> oldestDue(Instant cutoff);

    /**
     * Writes, as NDJSON (one canonical JSON object per line), the run that starts at the due row and
     * ends before the first row outside its month; says which rows they were.
     */
    RowRange write(Due due, OutputStream out) throws IOException;

    /**
     * Deletes exactly the rows of the range written earlier (a source may also note, in the same
     * transaction, which archive set now holds them); returns how many were deleted.
     */
    long purge(RowRange range, String objectPrefix);

    /** Where the next archive run starts. */
    record Due(YearMonth period, String firstKey) {
    }

    /** First and last key (in the source's own order) and the number of rows written. */
    record RowRange(String firstKey, String lastKey, long count) {
    }
}
