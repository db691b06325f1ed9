package org.govhub.cases;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>The record is read straight from the parser, without a JSON tree: at thousands of records a
 * second the tree was the largest allocation of an ingest. The answer is what reading a tree gives.
 * Each object reports its unknown members first, in the order sent, then its known members' errors in
 * a fixed order, whatever order they were sent in. A member sent twice counts once, with its last value
 * and only that value's errors.
 *
 * <p>An {@code origin} member (the path a version travelled, handed on by the hub that forwards it) is
 * not part of the record: it is set aside as sent, for {@link CaseOrigin} to check.
 */
final class CaseRecordReader {
    private static final String[] RECORD_MEMBERS = {"caseNo", "itemCode", "regionCode", "dataVersion",
            "applicant", "subject", "acceptedAt", "acceptor", "promisedDeadline", "promisedWorkingDays", "status",
            "steps", "materials", "facts", "result", "origin"};
    private static final String[] APPLICANT_MEMBERS = {"name", "idType", "idNumber", "contact"};
    private static final String[] STEP_MEMBERS = {"name", "action", "post", "actor", "opinion", "reason",
            "startedAt", "endedAt"};
    private static final String[] MATERIAL_MEMBERS = {"name", "required", "submitted", "objectKey", "sha256", "sm3"};
    private static final String[] FACT_MEMBERS = {"value", "unit", "text"};
    /** The penalty's errors come before the other members' of a result. */
    private static final String[] RESULT_MEMBERS = {"penalty", "decision", "finishedAt", "documentNo", "licenceId"};
    private static final String[] PENALTY_MEMBERS = {"kind", "amountYuan"};
    private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_INT = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger MAX_INT = BigInteger.valueOf(Integer.MAX_VALUE);

    private final JsonParser parser;
    /** Where errors go: those of the member being read; null until one is reported. */
    private List<FieldError> sink;

    private CaseRecordReader(JsonParser parser) {
        this.parser = parser;
    }

    /** What came out of one JSON record: the record (fields that failed are null), the errors, the origin as sent (or null). */
    record Parsed(CaseRecord record, List<FieldError> errors, JsonNode origin) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    static Parsed read(JsonNode node, String path) {
        try (JsonParser parser = (node == null ? NullNode.getInstance() : node).traverse(CaseJson.MAPPER)) {
            parser.nextToken();
            return read(parser, path);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree must always be readable", e);
        }
    }

    /** Reads the record that starts at the parser's current token and leaves the parser on its last token. */
    static Parsed read(JsonParser parser, String path) throws IOException {
        CaseRecordReader reader = new CaseRecordReader(parser);
        Members members = reader.object(path, RECORD_MEMBERS, reader::recordMember);
        List<FieldError> errors = reader.sink == null ? List.of() : List.copyOf(reader.sink);
        if (members == null) {
            return new Parsed(null, errors, null);
        }
        CaseRecord record = new CaseRecord(members.get("caseNo"), members.get("itemCode"), members.get("regionCode"),
                members.get("dataVersion"), members.get("applicant"), members.get("subject"),
                members.get("acceptedAt"), members.get("acceptor"), members.get("promisedDeadline"),
                members.get("promisedWorkingDays"), members.get("status"), members.get("steps"),
                members.get("materials"), members.get("facts"), members.get("result"));
        return new Parsed(record, errors, members.get("origin"));
    }

    private Object recordMember(String name, String path) throws IOException {
        return switch (name) {
            case "caseNo" -> value(path, name, CaseNo::parse);
            case "itemCode" -> value(path, name, PowerItemCode::parse);
            case "regionCode" -> value(path, name, RegionCode::parse);
            case "dataVersion" -> wholeNumber(path, name);
            case "applicant" -> applicant(path + ".applicant");
            case "subject", "acceptor" -> text(path, name);
            case "acceptedAt", "promisedDeadline" -> instant(path, name);
            case "promisedWorkingDays" -> intNumber(path, name);
            case "status" -> value(path, name, CaseStatus::parse);
            case "steps" -> list(path, name, this::step);
            case "materials" -> list(path, name, this::material);
            case "facts" -> facts(path + ".facts");
            case "result" -> result(path + ".result");
            case "origin" -> absent() ? null : parser.readValueAsTree();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private CaseRecord.Applicant applicant(String path) throws IOException {
        Members members = absent() ? null : object(path, APPLICANT_MEMBERS, (name, at) -> switch (name) {
            case "idType" -> value(at, name, IdType::parse);
            default -> text(at, name);
        });
        return members == null ? null : new CaseRecord.Applicant(members.get("name"), members.get("idType"),
                members.get("idNumber"), members.get("contact"));
    }

    private CaseRecord.Step step(String path) throws IOException {
        Members members = object(path, STEP_MEMBERS, (name, at) -> switch (name) {
            case "action" -> value(at, name, StepAction::parse);
            case "startedAt", "endedAt" -> instant(at, name);
            default -> text(at, name);
        });
        return members == null ? null : new CaseRecord.Step(members.get("name"), members.get("action"),
                members.get("post"), members.get("actor"), members.get("opinion"), members.get("reason"),
                members.get("startedAt"), members.get("endedAt"));
    }

    private CaseRecord.Material material(String path) throws IOException {
        Members members = object(path, MATERIAL_MEMBERS, (name, at) -> switch (name) {
            case "required", "submitted" -> bool(at, name);
            default -> text(at, name);
        });
        return members == null ? null : new CaseRecord.Material(members.get("name"), members.get("required"),
                members.get("submitted"), members.get("objectKey"), members.get("sha256"), members.get("sm3"));
    }

    private CaseRecord.Fact fact(String path) throws IOException {
        Members members = object(path, FACT_MEMBERS, (name, at) -> switch (name) {
            case "value" -> decimal(at, name);
            default -> text(at, name);
        });
        return members == null ? null : new CaseRecord.Fact(members.get("value"), members.get("unit"), members.get("text"));
    }

    private CaseRecord.CaseResult result(String path) throws IOException {
        Members members = absent() ? null : object(path, RESULT_MEMBERS, (name, at) -> switch (name) {
            case "penalty" -> penalty(at + ".penalty");
            case "finishedAt" -> instant(at, name);
            case "licenceId" -> value(at, name, LicenceId::parse);
            default -> text(at, name);
        });
        return members == null ? null : new CaseRecord.CaseResult(members.get("decision"), members.get("finishedAt"),
                members.get("documentNo"), members.get("licenceId"), members.get("penalty"));
    }

    private CaseRecord.Penalty penalty(String path) throws IOException {
        Members members = absent() ? null : object(path, PENALTY_MEMBERS, (name, at) -> switch (name) {
            case "amountYuan" -> decimal(at, name);
            default -> text(at, name);
        });
        return members == null ? null : new CaseRecord.Penalty(members.get("kind"), members.get("amountYuan"));
    }

    private interface MemberReader {
        Object read(String name, String path) throws IOException;
    }

    /** One JSON object's known members as read: each one's last value, and the errors that value produced. */
    private static final class Members {
        private final String[] names;
        private final Object[] values;
        private List<?>[] errors;
        private List<String> unknown;

        Members(String[] names) {
            this.names = names;
            this.values = new Object[names.length];
        }

        void set(int slot, Object value, List<FieldError> valueErrors) {
            values[slot] = value;
            if (valueErrors != null && errors == null) {
                errors = new List<?>[names.length];
            }
            if (errors != null) {
                errors[slot] = valueErrors;
            }
        }

        @SuppressWarnings("unchecked")
        <T> T get(String name) {
            return (T) values[indexOf(names, name)];
        }
    }

    /**
     * Reads the object at the current token, or reports that it is not one and returns null. Its errors
     * are reported when it ends: unknown members, then the known ones' in the order of {@code names}.
     */
    @SuppressWarnings("unchecked")
    private Members object(String path, String[] names, MemberReader reader) throws IOException {
        if (!typed(parser.currentToken() == JsonToken.START_OBJECT, path, null, "must be a JSON object")) {
            return null;
        }
        List<FieldError> outer = sink;
        Members members = new Members(names);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            int slot = indexOf(names, name);
            if (slot < 0) {
                parser.skipChildren();
                if (members.unknown == null) {
                    members.unknown = new ArrayList<>(2);
                }
                if (!members.unknown.contains(name)) {
                    members.unknown.add(name);
                }
                continue;
            }
            sink = null;
            Object value = reader.read(name, path);
            members.set(slot, value, sink);
        }
        sink = outer;
        if (members.unknown != null) {
            for (String name : members.unknown) {
                report(path + "." + name, "unknown field");
            }
        }
        if (members.errors != null) {
            for (List<?> errors : members.errors) {
                if (errors != null) {
                    reportAll((List<FieldError>) errors);
                }
            }
        }
        return members;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private <T> List<T> list(String path, String name, ElementReader<T> element) throws IOException {
        if (absent() || !typed(parser.currentToken() == JsonToken.START_ARRAY, path, name, "must be a JSON array")) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            T value = element.read(path + "." + name + "[" + i + "]");
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private interface ElementReader<T> {
        T read(String path) throws IOException;
    }

    /** Named facts; a fact named twice keeps its first place, as a JSON tree would, with its last value. */
    private Map<String, CaseRecord.Fact> facts(String path) throws IOException {
        if (absent() || !typed(parser.currentToken() == JsonToken.START_OBJECT, path, null,
                "must be a JSON object of named facts")) {
            return null;
        }
        List<FieldError> outer = sink;
        Map<String, ReadFact> read = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            sink = null;
            CaseRecord.Fact fact = fact(path + "." + name);
            read.put(name, new ReadFact(fact, sink));
        }
        sink = outer;
        Map<String, CaseRecord.Fact> facts = new LinkedHashMap<>();
        read.forEach((name, fact) -> {
            if (fact.errors() != null) {
                reportAll(fact.errors());
            }
            if (fact.fact() != null) {
                facts.put(name, fact.fact());
            }
        });
        return facts;
    }

    private record ReadFact(CaseRecord.Fact fact, List<FieldError> errors) {
    }

    private String text(String path, String name) throws IOException {
        if (absent() || !typed(parser.currentToken() == JsonToken.VALUE_STRING, path, name, "must be a string")) {
            return null;
        }
        return parser.getText();
    }

    private <T> T value(String path, String name, Function<String, T> parse) throws IOException {
        String text = text(path, name);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (InvalidValueException e) {
            report(path + "." + name, e.getMessage());
            return null;
        }
    }

    private Instant instant(String path, String name) throws IOException {
        String text = text(path, name);
        if (text == null) {
            return null;
        }
        try {
            return IsoInstant.parse(text);
        } catch (DateTimeParseException e) {
            report(path + "." + name, "must be an ISO-8601 date-time with offset, e.g. 2026-11-21T09:30:00+08:00");
            return null;
        }
    }

    private Long wholeNumber(String path, String name) throws IOException {
        if (absent() || !typed(integralWithin(MIN_LONG, MAX_LONG), path, name, "must be a whole number")) {
            return null;
        }
        return parser.getLongValue();
    }

    private Integer intNumber(String path, String name) throws IOException {
        if (absent() || !typed(integralWithin(MIN_INT, MAX_INT), path, name, "must be a whole number")) {
            return null;
        }
        return parser.getIntValue();
    }

    /** A JSON integer (not 2.0) within the bounds, as a tree node's {@code canConvertToLong/Int} decides. */
    private boolean integralWithin(BigInteger min, BigInteger max) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return false;
        }
        if (parser.getNumberType() == JsonParser.NumberType.INT) {
            return true;
        }
        BigInteger value = parser.getBigIntegerValue();
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    private BigDecimal decimal(String path, String name) throws IOException {
        JsonToken token = parser.currentToken();
        if (absent() || !typed(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT, path, name,
                "must be a number (not a string)")) {
            return null;
        }
        return parser.getDecimalValue();
    }

    private Boolean bool(String path, String name) throws IOException {
        JsonToken token = parser.currentToken();
        if (absent() || !typed(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE, path, name,
                "must be true or false")) {
            return null;
        }
        return token == JsonToken.VALUE_TRUE;
    }

    private boolean absent() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /** Returns {@code ok}; when false, skips the value and reports it at {@code path.name} (or {@code path} for no name). */
    private boolean typed(boolean ok, String path, String name, String message) throws IOException {
        if (!ok) {
            parser.skipChildren();
            report(name == null ? path : path + "." + name, message);
        }
        return ok;
    }

    private void report(String field, String message) {
        if (sink == null) {
            sink = new ArrayList<>(4);
        }
        sink.add(new FieldError(field, message));
    }

    private void reportAll(List<FieldError> errors) {
        if (sink == null) {
            sink = new ArrayList<>(errors.size());
        }
        sink.addAll(errors);
    }
}
