package org.govhub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.govhub.access.Caller;
import org.govhub.access.Role;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.HubConfig;
import org.govhub.common.problem.ProblemException;

/**
 * Reads cases for callers bound to a region: a case outside the caller's region prefix does not
 * exist for it (404). Personal ID numbers are shown whole only to the platform client that pushed
 * the version and to supervisors; everyone else sees them masked. Every read is audited with the
 * stated purpose and the (digested) ID number it touched.
 */
@ApplicationScoped
public class CaseLibrary {
    private final AuditLog audit;
    private final HubConfig config;
    private final CaseVersions versions;

    public CaseLibrary(AuditLog audit, HubConfig config, CaseVersions versions) {
        this.audit = audit;
        this.config = config;
        this.versions = versions;
    }

    public CaseViews.CaseView find(Caller caller, String caseNoText, String purpose) {
        CaseState state = visible(caller, caseNoText, "case.read", purpose);
        CaseVersion current = versions.of(state.caseNo, state.dataVersion);
        List<CaseVersion> all = versions.allOf(state.caseNo);
        List<CaseFinding> findings = CaseFinding.ofCase(state.caseNo);
        Map<Long, Long> findingCounts = findings.stream().collect(Collectors.groupingBy(f -> f.dataVersion, Collectors.counting()));
        boolean whole = seesWholeId(caller, current);
        ObjectNode record = (ObjectNode) CaseJson.tree(current.recordJson);
        String idNumber = idNumber(record);
        maskUnless(whole, record);
        audited(caller, "case.read", state.caseNo, whole, purpose, idNumber);
        return new CaseViews.CaseView(state.caseNo, current.dataVersion, current.receivedAt, current.sourceClient,
                current.contentSm3, !whole, record, origin(current),
                findings.stream().filter(f -> f.dataVersion == current.dataVersion).map(CaseViews.FindingView::of).toList(),
                all.stream().map(v -> new CaseViews.VersionSummary(v.dataVersion, v.receivedAt, v.sourceClient,
                        v.contentSm3, findingCounts.getOrDefault(v.dataVersion, 0L).intValue())).toList());
    }

    public CaseViews.VersionList versions(Caller caller, String caseNoText, String purpose) {
        CaseState state = visible(caller, caseNoText, "case.versions.read", purpose);
        Map<Long, List<CaseFinding>> findings = CaseFinding.ofCase(state.caseNo).stream()
                .collect(Collectors.groupingBy(f -> f.dataVersion));
        List<CaseVersion> all = versions.allOf(state.caseNo);
        boolean anyWhole = false;
        String idNumber = null;
        List<CaseViews.VersionView> views = new java.util.ArrayList<>(all.size());
        for (CaseVersion v : all) {
            boolean whole = seesWholeId(caller, v);
            anyWhole |= whole;
            ObjectNode record = (ObjectNode) CaseJson.tree(v.recordJson);
            idNumber = idNumber(record);
            maskUnless(whole, record);
            views.add(new CaseViews.VersionView(v.dataVersion, v.receivedAt, v.sourceClient, v.contentSm3, !whole, record,
                    origin(v), findings.getOrDefault(v.dataVersion, List.of()).stream().map(CaseViews.FindingView::of).toList()));
        }
        audited(caller, "case.versions.read", state.caseNo, anyWhole, purpose, idNumber);
        return new CaseViews.VersionList(state.caseNo, views);
    }

    /** The result of the current version, as the document the hub signs. */
    public CaseViews.ResultDocument result(Caller caller, String caseNoText, String purpose) {
        CaseState state = visible(caller, caseNoText, "case.result.read", purpose);
        CaseVersion current = versions.of(state.caseNo, state.dataVersion);
        JsonNode record = CaseJson.tree(current.recordJson);
        JsonNode result = record.get("result");
        if (result == null || result.isNull()) {
            audit.recordSeparately(caller.clientId(), AuditEntry.of("case.result.read", "case", state.caseNo, "no-result")
                    .withPurpose(purpose));
            throw ProblemException.conflict("case " + state.caseNo + " has no result yet (current dataVersion "
                    + state.dataVersion + ", status " + state.status + ")");
        }
        audit.recordSeparately(caller.clientId(), AuditEntry.of("case.result.read", "case", state.caseNo, "signed")
                .withPurpose(purpose).withPersonalId(idNumber(record)));
        return new CaseViews.ResultDocument(state.caseNo, current.dataVersion, current.itemCode, current.regionCode,
                record.path("subject").asText(null), record.path("applicant").path("name").asText(null), result,
                config.nodeId());
    }

    private CaseState visible(Caller caller, String caseNoText, String operation, String purpose) {
        CaseNo caseNo = CaseNo.parse(caseNoText);
        CaseState state = CaseState.findById(caseNo.value());
        if (state == null || !caller.covers(state.regionCode)) {
            audit.recordSeparately(caller.clientId(), AuditEntry.of(operation, "case", caseNo.value(), "not-found")
                    .withPurpose(purpose));
            throw ProblemException.notFound("no case " + caseNo + " is visible to this client");
        }
        return state;
    }

    private static boolean seesWholeId(Caller caller, CaseVersion version) {
        return caller.has(Role.SUPERVISOR) || caller.clientId().equals(version.sourceClient);
    }

    private static void maskUnless(boolean whole, ObjectNode record) {
        if (!whole && record.get("applicant") instanceof ObjectNode applicant && applicant.hasNonNull("idNumber")) {
            applicant.put("idNumber", IdNumberMask.mask(applicant.get("idNumber").asText()));
        }
    }

    /** The version's origin and path (issue 7), or null for a version stored before origins were kept. */
    private static JsonNode origin(CaseVersion version) {
        return version.originJson == null ? null : CaseJson.tree(version.originJson);
    }

    private void audited(Caller caller, String operation, String caseNo, boolean whole, String purpose, String idNumber) {
        audit.recordSeparately(caller.clientId(), AuditEntry.of(operation, "case", caseNo, whole ? "unmasked" : "masked")
                .withPurpose(purpose).withPersonalId(idNumber));
    }

    private static String idNumber(JsonNode record) {
        JsonNode id = record.path("applicant").path("idNumber");
        return id.isTextual() ? id.asText() : null;
    }
}
