package org.govhub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.govhub.access.Caller;
import org.govhub.common.HubClock;
import org.govhub.common.problem.ProblemException;

/**
 * Editors' changes to the responsibility list and the special-fund list: add, change or cancel one
 * entry. Like item changes they take effect only when {@link ChangeReview} approves them.
 */
@ApplicationScoped
public class ListChanges {
    @jakarta.inject.Inject
    CatalogAudit catalogAudit;

    private final CatalogJson json;
    private final HubClock clock;

    public ListChanges(CatalogJson json, HubClock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public ChangeSummary submit(Caller caller, ResponsibilityChangeRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        FieldErrors errors = new FieldErrors();
        check(errors, request.kind(), request.reason(), request.id(), request.responsibility() != null, "responsibility");
        if (request.kind() != ChangeKind.CANCEL && request.responsibility() != null) {
            ListEntryRules.check(request.responsibility(), "responsibility", errors);
        }
        errors.throwIfAny();
        Responsibility entry = request.responsibility();
        return record(caller, RecordKind.RESPONSIBILITY, request.kind(), request.reason().strip(), request.id(),
                entry == null ? null : entry.subjectCode(), entry);
    }

    @Transactional
    public ChangeSummary submit(Caller caller, SpecialFundChangeRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        FieldErrors errors = new FieldErrors();
        check(errors, request.kind(), request.reason(), request.id(), request.fund() != null, "fund");
        if (request.kind() != ChangeKind.CANCEL && request.fund() != null) {
            ListEntryRules.check(request.fund(), "fund", errors);
        }
        errors.throwIfAny();
        SpecialFund entry = request.fund();
        return record(caller, RecordKind.SPECIAL_FUND, request.kind(), request.reason().strip(), request.id(),
                entry == null ? null : entry.subjectCode(), entry);
    }

    private static void check(FieldErrors errors, ChangeKind kind, String reason, Long id, boolean hasEntry, String entryField) {
        if (kind == null) {
            errors.add("kind", "is required: add, change or cancel");
        } else if (kind != ChangeKind.ADD && kind != ChangeKind.CHANGE && kind != ChangeKind.CANCEL) {
            errors.add("kind", "list entries are added, changed or cancelled; " + kind.wireName() + " applies to power items only");
        } else {
            if (kind == ChangeKind.ADD && id != null) {
                errors.add("id", "an add makes a new entry; leave the id out");
            }
            if (kind != ChangeKind.ADD && id == null) {
                errors.add("id", "a " + kind.wireName() + " names the entry's id");
            }
            if (kind != ChangeKind.CANCEL && !hasEntry) {
                errors.add(entryField, (kind == ChangeKind.ADD ? "an add" : "a change") + " carries the entry");
            }
            if (kind == ChangeKind.CANCEL && hasEntry) {
                errors.add(entryField, "a cancellation carries no entry");
            }
        }
        ItemChanges.reason(errors, "reason", reason);
    }

    private ChangeSummary record(Caller caller, RecordKind list, ChangeKind kind, String reason, Long id,
            String subjectCode, Object document) {
        if (subjectCode != null) {
            caller.requireCovers(subjectCode, "subject code");
        }
        Instant now = clock.instant();
        CatalogListEntry entry;
        if (kind == ChangeKind.ADD) {
            entry = new CatalogListEntry();
            entry.list = list;
            entry.subjectCode = subjectCode;
            entry.regionDigits = subjectCode.substring(0, 8);
            entry.department = subjectCode.substring(8);
            entry.status = RecordStatus.PROPOSED;
            entry.createdAt = now;
            entry.createdBy = caller.clientId();
            entry.persist();
        } else {
            entry = CatalogListEntry.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (entry == null || entry.list != list) {
                throw ProblemException.notFound("no " + list.wireName() + " entry " + id);
            }
            caller.requireCovers(entry.subjectCode, "subject code");
            if (entry.status != RecordStatus.EFFECTIVE) {
                throw ProblemException.conflict(list.wireName() + " entry " + id + " is " + entry.status.wireName()
                        + "; only effective entries can be changed or cancelled");
            }
            if (entry.pendingChangeId != null) {
                throw ProblemException.conflict(list.wireName() + " entry " + id + " already has pending change request #"
                        + entry.pendingChangeId + "; it must be approved or rejected first");
            }
            if (subjectCode != null && !subjectCode.equals(entry.subjectCode)) {
                throw ProblemException.invalidField(list == RecordKind.RESPONSIBILITY ? "responsibility.subjectCode" : "fund.subjectCode",
                        "an entry keeps its department " + entry.subjectCode + "; cancel it and add a new one instead");
            }
        }
        CatalogChange change = new CatalogChange();
        change.record = list;
        change.kind = kind;
        change.status = ChangeStatus.PENDING;
        change.reason = reason;
        change.entryCount = 1;
        change.submittedBy = caller.clientId();
        change.submittedAt = now;
        change.persist();
        entry.pendingChangeId = change.id;
        EntryRole role = kind == ChangeKind.CANCEL ? EntryRole.SOURCE : EntryRole.TARGET;
        CatalogChangeEntry.of(change.id, 0, role, entry.id.toString(), entry.subjectCode,
                document == null ? null : json.write(document)).persist();
        String key = entry.id.toString();
        return catalogAudit.submitted(ChangeSummary.of(change, role == EntryRole.SOURCE ? List.of(key) : List.of(),
                role == EntryRole.TARGET ? List.of(key) : List.of()));
    }

    void approve(CatalogChange change, List<CatalogChangeEntry> entries, Instant now) {
        for (CatalogChangeEntry changed : entries) {
            CatalogListEntry entry = CatalogListEntry.findById(Long.valueOf(changed.recordKey));
            if (changed.role == EntryRole.SOURCE) {
                entry.status = RecordStatus.RETIRED;
                entry.retiredAt = now;
            } else {
                entry.status = RecordStatus.EFFECTIVE;
                entry.version = entry.version + 1;
                entry.document = changed.document;
                entry.effectiveFrom = now;
                if (entry.list == RecordKind.RESPONSIBILITY) {
                    entry.title = json.read(changed.document, Responsibility.class).duty();
                } else {
                    SpecialFund fund = json.read(changed.document, SpecialFund.class);
                    entry.title = fund.project();
                    entry.fundYear = fund.year();
                    entry.budgetYuan = fund.budgetYuan();
                }
                changed.version = entry.version;
            }
            entry.pendingChangeId = null;
        }
    }

    void reject(CatalogChange change) {
        for (CatalogListEntry entry : CatalogListEntry.<CatalogListEntry>list("pendingChangeId", change.id)) {
            if (entry.status == RecordStatus.PROPOSED) {
                entry.status = RecordStatus.REJECTED;
            }
            entry.pendingChangeId = null;
        }
    }
}
