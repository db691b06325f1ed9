package org.govhub.catalog;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govhub.access.Caller;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.problem.ProblemException;

/**
 * The review queue of the approval-management authority (审批管理机构, seed 000 §二(二)2): a
 * catalog-reviewer other than the submitter approves a change, which then takes effect, or rejects
 * it with a reason, which leaves everything effective as it was. A change is visible to editors and
 * reviewers whose region covers any record it touches; deciding it needs a region that covers all.
 */
@ApplicationScoped
public class ChangeReview {
    @jakarta.inject.Inject
    CatalogAudit catalogAudit;

    @jakarta.inject.Inject
    @jakarta.enterprise.inject.Any
    jakarta.enterprise.inject.Instance<CatalogChangeListener> listeners;

    private final ItemChanges items;
    private final ListChanges lists;
    private final HubClock clock;
    private final HubConfig config;

    public ChangeReview(ItemChanges items, ListChanges lists, HubClock clock, HubConfig config) {
        this.items = items;
        this.lists = lists;
        this.clock = clock;
        this.config = config;
    }

    @Transactional
    public ChangeSummary approve(Caller reviewer, String changeId, ReviewNote note) {
        FieldErrors errors = new FieldErrors();
        String reason = note == null ? null : note.reason();
        if (reason != null && reason.length() > 2000) {
            errors.add("reason", "has " + reason.length() + " characters; at most 2000");
        }
        errors.throwIfAny();
        CatalogChange change = decidable(reviewer, changeId);
        List<CatalogChangeEntry> entries = entries(change.id);
        Instant now = clock.instant();
        if (change.record == RecordKind.ITEM) {
            items.approve(change, entries, now);
        } else {
            lists.approve(change, entries, now);
        }
        ChangeSummary decided = decide(change, reviewer, ChangeStatus.APPROVED,
                reason == null || reason.isBlank() ? null : reason.strip(), now, entries);
        effective(change, entries);
        return catalogAudit.decided(decided);
    }

    @Transactional
    public ChangeSummary reject(Caller reviewer, String changeId, ReviewNote note) {
        FieldErrors errors = new FieldErrors();
        ItemChanges.reason(errors, "reason", note == null ? null : note.reason());
        errors.throwIfAny();
        CatalogChange change = decidable(reviewer, changeId);
        List<CatalogChangeEntry> entries = entries(change.id);
        if (change.record == RecordKind.ITEM) {
            items.reject(change);
        } else {
            lists.reject(change);
        }
        return catalogAudit.decided(decide(change, reviewer, ChangeStatus.REJECTED, note.reason().strip(), clock.instant(), entries));
    }

    /** Tells every {@link CatalogChangeListener} that a change (to any of the three lists) took effect, in this transaction. */
    void effective(CatalogChange change, List<CatalogChangeEntry> entries) {
        for (CatalogChangeListener listener : listeners) {
            listener.effective(change, entries);
        }
    }

    public ChangeDetail get(Caller caller, String changeId) {
        CatalogChange change = visible(caller, changeId, LockModeType.NONE);
        List<CatalogChangeEntry> entries = entries(change.id);
        List<ChangeDetail.Entry> views = entries.stream()
                .map(e -> new ChangeDetail.Entry(e.role, e.recordKey, e.subjectCode, e.document, e.version)).toList();
        return new ChangeDetail(summary(change, entries), views);
    }

    /** Changes visible to the caller, oldest first; by default the pending ones (the review queue). */
    public CatalogPage<ChangeSummary> list(Caller caller, String status, String record, String page, String size) {
        FieldErrors errors = new FieldErrors();
        ChangeStatus wantedStatus = status == null ? ChangeStatus.PENDING
                : errors.attempt("status", () -> ChangeStatus.parse(status));
        RecordKind wantedRecord = record == null ? null : errors.attempt("record", () -> RecordKind.parse(record));
        int pageNumber = CatalogQuery.number(errors, "page", page, 1, 1, CatalogQuery.MAX_PAGE);
        int pageSize = CatalogQuery.number(errors, "size", size, config.catalog().defaultPageSize(), 1, config.catalog().maxPageSize());
        errors.throwIfAny();
        StringBuilder query = new StringBuilder("from CatalogChange c where c.status = :status and exists"
                + " (select 1 from CatalogChangeEntry e where e.changeId = c.id and e.subjectCode like :region)");
        Parameters parameters = Parameters.with("status", wantedStatus).and("region", caller.regionPrefix().value() + "%");
        if (wantedRecord != null) {
            query.append(" and c.record = :record");
            parameters.and("record", wantedRecord);
        }
        var found = CatalogChange.<CatalogChange>find(query + " order by c.id", parameters).page(Page.of(pageNumber - 1, pageSize));
        List<CatalogChange> changes = found.list();
        Map<Long, List<Object[]>> keys = keysOf(changes.stream().map(c -> c.id).toList());
        List<ChangeSummary> summaries = new ArrayList<>();
        for (CatalogChange change : changes) {
            List<String> sources = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            for (Object[] row : keys.getOrDefault(change.id, List.of())) {
                (row[1] == EntryRole.SOURCE ? sources : targets).add((String) row[2]);
            }
            summaries.add(ChangeSummary.of(change, sources, targets));
        }
        return new CatalogPage<>(pageNumber, pageSize, found.count(), summaries);
    }

    private CatalogChange decidable(Caller reviewer, String changeId) {
        CatalogChange change = visible(reviewer, changeId, LockModeType.PESSIMISTIC_WRITE);
        if (change.status != ChangeStatus.PENDING) {
            throw ProblemException.conflict("change request #" + change.id + " was already " + change.status.wireName()
                    + " by " + change.reviewedBy);
        }
        if (change.submittedBy.equals(reviewer.clientId())) {
            throw ProblemException.forbidden("client " + reviewer.clientId() + " submitted change request #" + change.id
                    + " and cannot review it; another catalog-reviewer must");
        }
        List<String> subjects = CatalogChangeEntry.getEntityManager()
                .createQuery("select distinct e.subjectCode from CatalogChangeEntry e where e.changeId = :id", String.class)
                .setParameter("id", change.id).getResultList();
        for (String subject : subjects) {
            reviewer.requireCovers(subject, "change request #" + change.id + " touches subject code");
        }
        return change;
    }

    private static CatalogChange visible(Caller caller, String changeId, LockModeType lock) {
        long id;
        try {
            id = Long.parseLong(changeId);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("no change request " + changeId);
        }
        boolean covered = CatalogChangeEntry.count("changeId = ?1 and subjectCode like ?2", id,
                caller.regionPrefix().value() + "%") > 0;
        CatalogChange change = covered ? CatalogChange.findById(id, lock) : null;
        if (change == null) {
            throw ProblemException.notFound("no change request " + changeId);
        }
        return change;
    }

    private static ChangeSummary decide(CatalogChange change, Caller reviewer, ChangeStatus status, String note, Instant now,
            List<CatalogChangeEntry> entries) {
        change.status = status;
        change.reviewedBy = reviewer.clientId();
        change.reviewedAt = now;
        change.reviewNote = note;
        return summary(change, entries);
    }

    static ChangeSummary summary(CatalogChange change, List<CatalogChangeEntry> entries) {
        return ChangeSummary.of(change,
                entries.stream().filter(e -> e.role == EntryRole.SOURCE).map(e -> e.recordKey).toList(),
                entries.stream().filter(e -> e.role == EntryRole.TARGET).map(e -> e.recordKey).toList());
    }

    static List<CatalogChangeEntry> entries(long changeId) {
        return CatalogChangeEntry.list("changeId = ?1 order by ordinal", changeId);
    }

    /** (changeId, role, key) of the entries of these changes, without their documents. */
    static Map<Long, List<Object[]>> keysOf(List<Long> changeIds) {
        Map<Long, List<Object[]>> keys = new HashMap<>();
        if (changeIds.isEmpty()) {
            return keys;
        }
        List<Object[]> rows = CatalogChangeEntry.getEntityManager()
                .createQuery("select e.changeId, e.role, e.recordKey from CatalogChangeEntry e"
                        + " where e.changeId in :ids order by e.changeId, e.ordinal", Object[].class)
                .setParameter("ids", changeIds).getResultList();
        for (Object[] row : rows) {
            keys.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(row);
        }
        return keys;
    }
}
