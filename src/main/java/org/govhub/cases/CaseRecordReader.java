package org.govhub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.govhub.catalog.PowerItemCode;
import org.govhub.common.InvalidValueException;
import org.govhub.common.RegionCode;
import org.govhub.common.problem.FieldError;
import org.govhub.licences.LicenceId;

/**
 * Turns one pushed JSON record into a {@link CaseRecord}, collecting every shape and type error with
 * its JSON path instead of stopping at the first, so a platform learns all that is wrong with a
 * record in one answer. Unknown fields are errors: a misspelt {@code reasn} must not silently
 * disable the missing-reason control.
 */
final class CaseRecordReader {
    private static final Set<String> RECORD_FIELDS = Set.of("caseNo", "itemCode", "regionCode", "dataVersion",
            "applicant", "subject", "acceptedAt", "acceptor", "promisedDeadline", "promisedWorkingDays", "status",
            "steps", "materials", "facts", "result");
    private static final Set<String> APPLICANT_FIELDS = Set.of("name", "idType", "idNumber", "contact");
    private static final Set<String> STEP_FIELDS = Set.of("name", "action", "post", "actor", "opinion", "reason",
            "startedAt", "endedAt");
    private static final Set<String> MATERIAL_FIELDS = Set.of("name", "required", "submitted", "objectKey", "sha256", "sm3");
    private static final Set<String> FACT_FIELDS = Set.of("value", "unit", "text");
    private static final Set<String> RESULT_FIELDS = Set.of("decision", "finishedAt", "documentNo", "licenceId", "penalty");
    private static final Set<String> PENALTY_FIELDS = Set.of("kind", "amountYuan");

    private final List<FieldError> errors = new ArrayList<>();

    private CaseRecordReader() {
    }

    /** What came out of one JSON record: the record (fields that failed are null) and the errors. */
    record Parsed(CaseRecord record, List<FieldError> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    static Parsed read(JsonNode node, String path) {
        CaseRecordReader reader = new CaseRecordReader();
        CaseRecord record = reader.record(node, path);
        return new Parsed(record, List.copyOf(reader.errors));
    }

    private CaseRecord record(JsonNode node, String path) {
        if (!object(node, path, RECORD_FIELDS)) {
            return null;
        }
        return new CaseRecord(
                value(node, path, "caseNo", CaseNo::parse),
                value(node, path, "itemCode", PowerItemCode::parse),
                value(node, path, "regionCode", RegionCode::parse),
                wholeNumber(node, path, "dataVersion"),
                applicant(node.get("applicant"), path + ".applicant"),
                text(node, path, "subject"),
                instant(node, path, "acceptedAt"),
                text(node, path, "acceptor"),
                instant(node, path, "promisedDeadline"),
                intNumber(node, path, "promisedWorkingDays"),
                value(node, path, "status", CaseStatus::parse),
                list(node, path, "steps", this::step),
                list(node, path, "materials", this::material),
                facts(node.get("facts"), path + ".facts"),
                result(node.get("result"), path + ".result"));
    }

    private boolean object(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(path, "must be a JSON object"));
            return false;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new FieldError(path + "." + name, "unknown field"));
            }
        });
        return true;
    }

    private CaseRecord.Applicant applicant(JsonNode node, String path) {
        if (absent(node) || !object(node, path, APPLICANT_FIELDS)) {
            return null;
        }
        return new CaseRecord.Applicant(text(node, path, "name"), value(node, path, "idType", IdType::parse),
                text(node, path, "idNumber"), text(node, path, "contact"));
    }

    private CaseRecord.Step step(JsonNode node, String path) {
        if (!object(node, path, STEP_FIELDS)) {
            return null;
        }
        return new CaseRecord.Step(text(node, path, "name"), value(node, path, "action", StepAction::parse),
                text(node, path, "post"), text(node, path, "actor"), text(node, path, "opinion"),
                text(node, path, "reason"), instant(node, path, "startedAt"), instant(node, path, "endedAt"));
    }

    private CaseRecord.Material material(JsonNode node, String path) {
        if (!object(node, path, MATERIAL_FIELDS)) {
            return null;
        }
        return new CaseRecord.Material(text(node, path, "name"), bool(node, path, "required"),
                bool(node, path, "submitted"), text(node, path, "objectKey"), text(node, path, "sha256"),
                text(node, path, "sm3"));
    }

    private Map<String, CaseRecord.Fact> facts(JsonNode node, String path) {
        if (absent(node)) {
            return Map.of();
        }
        if (!node.isObject()) {
            errors.add(new FieldError(path, "must be a JSON object of named facts"));
            return Map.of();
        }
        Map<String, CaseRecord.Fact> facts = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String factPath = path + "." + field.getKey();
            JsonNode fact = field.getValue();
            if (!object(fact, factPath, FACT_FIELDS)) {
                continue;
            }
            facts.put(field.getKey(), new CaseRecord.Fact(decimal(fact, factPath, "value"), text(fact, factPath, "unit"),
                    text(fact, factPath, "text")));
        }
        return facts;
    }

    private CaseRecord.CaseResult result(JsonNode node, String path) {
        if (absent(node) || !object(node, path, RESULT_FIELDS)) {
            return null;
        }
        CaseRecord.Penalty penalty = null;
        JsonNode penaltyNode = node.get("penalty");
        if (!absent(penaltyNode) && object(penaltyNode, path + ".penalty", PENALTY_FIELDS)) {
            penalty = new CaseRecord.Penalty(text(penaltyNode, path + ".penalty", "kind"),
                    decimal(penaltyNode, path + ".penalty", "amountYuan"));
        }
        return new CaseRecord.CaseResult(text(node, path, "decision"), instant(node, path, "finishedAt"),
                text(node, path, "documentNo"), value(node, path, "licenceId", LicenceId::parse), penalty);
    }

    private <T> List<T> list(JsonNode parent, String path, String name, ElementReader<T> element) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError(path + "." + name, "must be a JSON array"));
            return List.of();
        }
        List<T> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            T value = element.read(node.get(i), path + "." + name + "[" + i + "]");
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private interface ElementReader<T> {
        T read(JsonNode node, String path);
    }

    private String text(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(path + "." + name, "must be a string"));
            return null;
        }
        return node.textValue();
    }

    private <T> T value(JsonNode parent, String path, String name, Function<String, T> parser) {
        String text = text(parent, path, name);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (InvalidValueException e) {
            errors.add(new FieldError(path + "." + name, e.getMessage()));
            return null;
        }
    }

    private Instant instant(JsonNode parent, String path, String name) {
        String text = text(parent, path, name);
        if (text == null) {
            return null;
        }
        try {
            return IsoInstant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(path + "." + name,
                    "must be an ISO-8601 date-time with offset, e.g. 2026-11-21T09:30:00+08:00"));
            return null;
        }
    }

    private Long wholeNumber(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(new FieldError(path + "." + name, "must be a whole number"));
            return null;
        }
        return node.longValue();
    }

    private Integer intNumber(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            errors.add(new FieldError(path + "." + name, "must be a whole number"));
            return null;
        }
        return node.intValue();
    }

    private BigDecimal decimal(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new FieldError(path + "." + name, "must be a number (not a string)"));
            return null;
        }
        return node.decimalValue();
    }

    private Boolean bool(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isBoolean()) {
            errors.add(new FieldError(path + "." + name, "must be true or false"));
            return null;
        }
        return node.booleanValue();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
