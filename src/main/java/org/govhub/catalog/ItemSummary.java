package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An effective item as the public list shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemSummary(String code, String name, PowerItemType type, String typeName, String subjectCode,
        String department, String handlingSubject, int version, Instant effectiveFrom) {
}
