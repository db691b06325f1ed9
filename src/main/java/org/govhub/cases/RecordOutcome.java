package org.govhub.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.govhub.common.problem.FieldError;

/**
 * The answer for one record of a batch, at its position in the batch. {@code storedVersion} is the
 * dataVersion the hub holds as current after the batch; {@code findings} names the process controls
 * a stored version breaks; {@code errors} says why a record was rejected.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RecordOutcome(int index, String caseNo, Long dataVersion, PushOutcome outcome, Long storedVersion,
        List<FindingRule> findings, List<FieldError> errors) {

    static RecordOutcome rejected(int index, String caseNo, Long dataVersion, List<FieldError> errors) {
        return new RecordOutcome(index, caseNo, dataVersion, PushOutcome.REJECTED, null, List.of(), errors);
    }
}
