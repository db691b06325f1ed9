package org.govhub.supervision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** An alert as supervisors see it; {@code steps} is present on single-alert answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(long id, String subjectType, String subjectId, String caseNo, String rule, String level,
        String status, String regionCode, String department, String detail, Instant occurredAt, Instant raisedAt,
        Instant statusAt, String ruleScope, int ruleVersion, List<Step> steps) {

    public record Step(String action, String status, String actor, String note, Instant at) {
        static Step of(AlertStep step) {
            return new Step(step.action, step.status, step.actor, step.note, step.takenAt);
        }
    }

    static AlertView of(Alert alert, List<AlertStep> steps) {
        return new AlertView(alert.id, alert.subjectType, alert.subjectId, alert.caseNo, alert.rule, alert.level,
                alert.status, alert.regionCode, alert.department, alert.detail, alert.occurredAt, alert.raisedAt,
                alert.statusAt, alert.ruleScope, alert.ruleVersion,
                steps == null ? null : steps.stream().map(Step::of).toList());
    }
}
