package org.govhub.ferry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The receiver's answer to one bundle file: accepted (with each submission's per-record outcomes) or
 * quarantined (with the reason). For a file that could not be read, lane, sequence and manifest
 * digest are whatever could be learnt, possibly nothing but the file name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(String bundleFile, String lane, Long sequence, String bundleId, String manifestSm3,
        Status status, String reason, String detail, Instant processedAt, List<SubmissionReceipt> submissions) {

    public enum Status { accepted, quarantined }

    /** What happened to one submission (one case-batch entry) inside. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubmissionReceipt(String submissionId, String entry, Map<String, Integer> counts,
            List<RecordOutcome> records) {
    }

    /** One record's outcome inside: created, updated, unchanged, stale or rejected (with why). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordOutcome(String caseNo, Long dataVersion, String outcome, String message) {
    }
}
