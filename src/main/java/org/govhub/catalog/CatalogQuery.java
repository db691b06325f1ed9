package org.govhub.catalog;

import org.govhub.common.CodeText;
import org.govhub.common.HubConfig;

/**
 * The filters shared by the public list endpoints, checked at the edge: region is a prefix of the
 * 8 region digits of the subject code (2, 4, 6 or 8 digits), department two capital letters, text a
 * case-insensitive substring of the name, page from 1.
 */
public record CatalogQuery(String region, String department, String text, int page, int size) {
    /** Pages beyond this would overflow the row offset; no list is that long. */
    static final int MAX_PAGE = 100_000;

    public static CatalogQuery parse(String region, String department, String text, String page, String size,
            HubConfig.Catalog config) {
        FieldErrors errors = new FieldErrors();
        if (region != null && (!CodeText.isDigits(region) || region.length() % 2 != 0 || region.length() > 8)) {
            errors.add("region", "region " + CodeText.quote(region) + " must be 2, 4, 6 or 8 digits (province, city, county, township)");
        }
        if (department != null && (department.length() != 2 || !CodeText.isCapitalLetters(department))) {
            errors.add("department", "department " + CodeText.quote(department) + " must be 2 capital letters, e.g. AJ");
        }
        if (text != null && text.length() > 100) {
            errors.add("q", "the search text has " + text.length() + " characters; at most 100");
        }
        int pageNumber = number(errors, "page", page, 1, 1, MAX_PAGE);
        int pageSize = number(errors, "size", size, config.defaultPageSize(), 1, config.maxPageSize());
        errors.throwIfAny();
        return new CatalogQuery(region, department, text == null || text.isBlank() ? null : text.strip(), pageNumber, pageSize);
    }

    static int number(FieldErrors errors, String field, String text, int fallback, int min, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field, field + " " + CodeText.quote(text) + " must be a whole number " + min + ".." + max);
        return fallback;
    }

    /** The search text as a LIKE pattern with {@code !} escaping {@code %}, {@code _} and itself. */
    String likePattern() {
        String escaped = text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }
}
