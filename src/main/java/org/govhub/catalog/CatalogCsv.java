package org.govhub.catalog;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The published catalogue as RFC 4180 CSV, UTF-8 with a byte-order mark so spreadsheet software
 * shows the Chinese text correctly. Lists inside a cell are joined with {@code ；}; a cell starting
 * with {@code = + - @} is prefixed with {@code '} so it is never run as a formula.
 */
final class CatalogCsv {
    static final String BOM = "\uFEFF";
    static final List<String> HEADER = List.of("code", "name", "type", "typeName", "subjectCode", "department",
            "handlingSubject", "subjectNature", "handlingDepartment", "legalBasis", "promisedTimeLimit",
            "statutoryTimeLimit", "requiredMaterials", "penaltyKinds", "discretionBaseline", "resultsPublished",
            "address", "phone", "supervisionPhone", "version", "effectiveFrom");

    record Row(PowerItem item, int version, Instant effectiveFrom) {
    }

    private CatalogCsv() {
    }

    static String write(List<Row> rows) {
        StringBuilder out = new StringBuilder(BOM);
        line(out, HEADER);
        for (Row row : rows) {
            PowerItem item = row.item();
            PowerItemCode code = item.code();
            line(out, List.of(code.toString(), item.name(), code.type().code(), code.type().chineseName(), code.subjectCode(),
                    code.department(),
                    item.subject() == null ? "" : text(item.subject().name()),
                    item.subject() == null || item.subject().nature() == null ? "" : item.subject().nature().wireName(),
                    text(item.handlingDepartment()),
                    join(item.legalBasis(), b -> b.title() + (b.article() == null ? "" : " " + b.article())),
                    item.promisedTimeLimit() == null ? "" : item.promisedTimeLimit().toString(),
                    item.statutoryTimeLimit() == null ? "" : item.statutoryTimeLimit().toString(),
                    String.join("；", item.requiredMaterialNames()),
                    join(item.penaltyKinds(), k -> k),
                    join(item.discretionBaseline(), r -> r.penaltyKind() + (r.minYuan() == null && r.maxYuan() == null ? ""
                            : " " + amount(r.minYuan()) + "-" + amount(r.maxYuan()) + " yuan")),
                    item.resultsPublished() == null ? "" : item.resultsPublished().toString(),
                    text(item.address()), text(item.phone()), text(item.supervisionPhone()),
                    Integer.toString(row.version()), row.effectiveFrom() == null ? "" : row.effectiveFrom().toString()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static <T> String join(List<T> list, java.util.function.Function<T, String> show) {
        return list == null ? "" : list.stream().map(show).collect(Collectors.joining("；"));
    }

    private static String amount(java.math.BigDecimal yuan) {
        return yuan == null ? "" : yuan.toPlainString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
