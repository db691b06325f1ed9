package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One entry of a department's responsibility list (责任清单, seed 002): the duty (责任事项), its legal
 * basis, the cases in which officials are held accountable (追责情形), and optionally the power items
 * the duty attaches to. {@code subjectCode} is the department's 10-character subject code.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Responsibility(String subjectCode, String duty, List<LegalBasis> basis,
        List<String> accountabilityCases, List<PowerItemCode> relatedItems) {
}
