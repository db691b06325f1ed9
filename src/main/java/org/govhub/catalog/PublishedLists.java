package org.govhub.catalog;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.govhub.access.Caller;
import org.govhub.common.problem.ProblemException;

/**
 * Reading the responsibility list and the special-fund list: effective entries are public, proposed
 * and rejected ones are shown only to catalog editors and reviewers of the entry's region.
 */
@ApplicationScoped
public class PublishedLists {

    public CatalogPage<ListEntryView> search(RecordKind list, CatalogQuery query, String year) {
        FieldErrors errors = new FieldErrors();
        Integer budgetYear = year == null ? null : CatalogQuery.number(errors, "year", year, 0, 1949, 2100);
        errors.throwIfAny();
        StringBuilder where = new StringBuilder("list = :list and status = :status");
        Parameters parameters = Parameters.with("list", list).and("status", RecordStatus.EFFECTIVE);
        if (query.region() != null) {
            where.append(" and regionDigits like :region");
            parameters.and("region", query.region() + "%");
        }
        if (query.department() != null) {
            where.append(" and department = :department");
            parameters.and("department", query.department());
        }
        if (budgetYear != null) {
            where.append(" and fundYear = :year");
            parameters.and("year", budgetYear);
        }
        if (query.text() != null) {
            where.append(" and lower(title) like :text escape '!'");
            parameters.and("text", query.likePattern());
        }
        PanacheQuery<CatalogListEntry> found = CatalogListEntry.<CatalogListEntry>find(where + " order by id", parameters)
                .page(Page.of(query.page() - 1, query.size()));
        return new CatalogPage<>(query.page(), query.size(), found.count(),
                found.list().stream().map(e -> view(e, e.document, false)).toList());
    }

    public ListEntryView entry(Optional<Caller> caller, RecordKind list, String id) {
        CatalogListEntry entry = null;
        try {
            entry = CatalogListEntry.findById(Long.parseLong(id));
        } catch (NumberFormatException e) {
            // no such entry
        }
        boolean insider = entry != null && PublishedCatalog.insider(caller, entry.subjectCode);
        if (entry == null || entry.list != list || !(entry.isPublished() || insider)) {
            throw ProblemException.notFound("no published " + list.wireName() + " entry " + id);
        }
        String document = entry.isPublished() ? entry.document : latestProposal(entry.id);
        return view(entry, document, insider);
    }

    private static ListEntryView view(CatalogListEntry entry, String document, boolean insider) {
        return new ListEntryView(entry.id, entry.status, entry.version, entry.effectiveFrom, entry.retiredAt, document,
                insider ? entry.pendingChangeId : null, entry.originJson);
    }

    private static String latestProposal(long id) {
        CatalogChangeEntry latest = CatalogChangeEntry.<CatalogChangeEntry>find(
                "recordKey = ?1 and role = ?2 and changeId in (select c.id from CatalogChange c where c.record <> ?3)"
                        + " order by changeId desc", Long.toString(id), EntryRole.TARGET, RecordKind.ITEM).firstResult();
        return latest == null ? null : latest.document;
    }
}
