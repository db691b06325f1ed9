package org.govhub.catalog;

import static org.govhub.catalog.FieldErrors.path;
import static org.govhub.catalog.PowerItemRules.optionalText;
import static org.govhub.catalog.PowerItemRules.required;
import static org.govhub.catalog.PowerItemRules.requiredText;

/** What makes a responsibility-list or special-fund-list entry admissible. */
final class ListEntryRules {

    private ListEntryRules() {
    }

    static void check(Responsibility entry, String at, FieldErrors errors) {
        if (entry == null) {
            errors.add(at, "is required");
            return;
        }
        subjectCode(errors, path(at, "subjectCode"), entry.subjectCode());
        requiredText(errors, path(at, "duty"), entry.duty(), 4000);
        PowerItemRules.legalBasis(errors, path(at, "basis"), entry.basis(),
                "at least one legal basis is required; a duty without basis is not admitted");
        PowerItemRules.eachOf(entry.accountabilityCases(), path(at, "accountabilityCases"), errors,
                (text, p) -> requiredText(errors, p, text, 4000));
        // related item codes are parsed (and so checked) when read; only nulls are left to catch
        PowerItemRules.eachOf(entry.relatedItems(), path(at, "relatedItems"), errors, (code, p) -> { });
    }

    static void check(SpecialFund entry, String at, FieldErrors errors) {
        if (entry == null) {
            errors.add(at, "is required");
            return;
        }
        subjectCode(errors, path(at, "subjectCode"), entry.subjectCode());
        requiredText(errors, path(at, "project"), entry.project(), 500);
        required(errors, path(at, "category"), entry.category(), "is required: department-budget or transfer-payment");
        required(errors, path(at, "budgetYuan"), entry.budgetYuan(), "the budget amount in yuan is required");
        PowerItemRules.yuan(errors, path(at, "budgetYuan"), entry.budgetYuan());
        if (entry.year() == null) {
            errors.add(path(at, "year"), "the budget year is required");
        } else if (entry.year() < 1949 || entry.year() > 2100) {
            errors.add(path(at, "year"), "must be a budget year 1949..2100, not " + entry.year());
        }
        optionalText(errors, path(at, "purpose"), entry.purpose(), 4000);
        PowerItemRules.legalBasis(errors, path(at, "basis"), entry.basis(), null);
    }

    private static void subjectCode(FieldErrors errors, String at, String subjectCode) {
        errors.attempt(at, () -> PowerItemCode.requireSubjectCode(subjectCode));
    }
}
