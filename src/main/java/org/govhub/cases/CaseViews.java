package org.govhub.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** What the case read endpoints answer. */
public final class CaseViews {

    private CaseViews() {
    }

    /** A case as it stands: its current version with the full step timeline, findings and version history. */
    public record CaseView(String caseNo, long dataVersion, Instant receivedAt, String sourceClient, String contentSm3,
            boolean idNumberMasked, JsonNode record, JsonNode origin, List<FindingView> findings, List<VersionSummary> versions) {
    }

    /** One version exactly as received (ID number masked unless the reader may see it). */
    public record VersionView(long dataVersion, Instant receivedAt, String sourceClient, String contentSm3,
            boolean idNumberMasked, JsonNode record, JsonNode origin, List<FindingView> findings) {
    }

    public record VersionList(String caseNo, List<VersionView> versions) {
    }

    public record VersionSummary(long dataVersion, Instant receivedAt, String sourceClient, String contentSm3,
            int findingCount) {
    }

    public record FindingView(long id, long dataVersion, FindingRule rule, String field, String detail, Instant foundAt) {
        static FindingView of(CaseFinding f) {
            return new FindingView(f.id, f.dataVersion, FindingRule.parse(f.rule), f.field, f.detail, f.foundAt);
        }
    }

    /** The signed result document: what was decided, for whom, by which case; never the ID number. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResultDocument(String caseNo, long dataVersion, String itemCode, String regionCode, String subject,
            String applicantName, JsonNode result, String issuedBy) {
    }
}
