package org.govhub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;

/** Writes the catalogue's editorial actions into the audit trail, inside the transaction that makes them. */
@ApplicationScoped
class CatalogAudit {
    private final AuditLog audit;

    CatalogAudit(AuditLog audit) {
        this.audit = audit;
    }

    ChangeSummary submitted(ChangeSummary change) {
        audit.record(AuditEntry.of("catalog.change.submit", "catalog-change", Long.toString(change.id()),
                change.kind().name().toLowerCase() + " " + change.entryCount()));
        return change;
    }

    ChangeSummary decided(ChangeSummary change) {
        String decision = change.status() == ChangeStatus.APPROVED ? "approve" : "reject";
        audit.record(AuditEntry.of("catalog.change." + decision, "catalog-change", Long.toString(change.id()),
                change.status().name().toLowerCase()));
        return change;
    }

    AllocatedCode allocated(AllocatedCode code) {
        audit.record(AuditEntry.of("catalog.code.allocate", "power-item", code.code().toString(), "reserved"));
        return code;
    }
}
