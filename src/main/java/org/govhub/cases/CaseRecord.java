package org.govhub.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.govhub.catalog.PowerItemCode;
import org.govhub.common.RegionCode;
import org.govhub.licences.LicenceId;

/**
 * One version of a case as a platform reports it (seed 003 §四(三)): the applicant, the case, its
 * materials and key facts, every step with each post's opinion, and the result. {@code dataVersion}
 * grows with every change at the source; the hub keeps every version it receives.
 *
 * <p>Absent and {@code null} mean the same; lists and maps may be empty. Codes are value types, so a
 * record built in Java cannot carry a malformed code; {@link CaseRecordCheck} checks the rest.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseRecord(
        CaseNo caseNo,
        PowerItemCode itemCode,
        RegionCode regionCode,
        Long dataVersion,
        Applicant applicant,
        String subject,
        Instant acceptedAt,
        String acceptor,
        Instant promisedDeadline,
        Integer promisedWorkingDays,
        CaseStatus status,
        List<Step> steps,
        List<Material> materials,
        Map<String, Fact> facts,
        CaseResult result) {

    public CaseRecord {
        steps = steps == null ? List.of() : List.copyOf(steps);
        materials = materials == null ? List.of() : List.copyOf(materials);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    /** The person or organisation that applied (or, for a penalty, the party concerned). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Applicant(String name, IdType idType, String idNumber, String contact) {
    }

    /** One post's action in the flow, with its opinion and, for negative actions, the reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String name, StepAction action, String post, String actor, String opinion, String reason,
            Instant startedAt, Instant endedAt) {
    }

    /** A material: whether the item requires it, whether it was submitted, and its stored file if any. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Material(String name, Boolean required, Boolean submitted, String objectKey, String sha256,
            String sm3) {
    }

    /** A machine-readable key fact: a number with its unit (area 120.5 m2), or a text (place). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fact(BigDecimal value, String unit, String text) {
        public Fact {
            value = plain(value);
        }
    }

    /** The decision, its document or licence, and for penalties the kind and amount in yuan. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseResult(String decision, Instant finishedAt, String documentNo, LicenceId licenceId,
            Penalty penalty) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Penalty(String kind, BigDecimal amountYuan) {
        public Penalty {
            amountYuan = plain(amountYuan);
        }
    }

    /** 50000, 50000.0 and 5E+4 are one amount: numbers are kept without trailing zeros. */
    private static BigDecimal plain(BigDecimal number) {
        return number == null ? null : number.stripTrailingZeros();
    }
}
