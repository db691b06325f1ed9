package org.govhub.ferry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One payload entry as the manifest declares it: file name inside the bundle, kind, exact size and
 * SM3, and for case batches the submission it came from (who pushed it, for which region, when).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestEntry(String name, EntryKind kind, long size, String sm3, Integer records,
        String submissionId, String clientId, String regionPrefix, Instant acceptedAt) {

    public static ManifestEntry caseBatch(String submissionId, long size, String sm3, int records, String clientId,
            String regionPrefix, Instant acceptedAt) {
        return new ManifestEntry(submissionId + ".ndjson", EntryKind.CASE_BATCH, size, sm3, records, submissionId,
                clientId, regionPrefix, acceptedAt);
    }
}
