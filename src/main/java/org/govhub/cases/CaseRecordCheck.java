package org.govhub.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.govhub.common.problem.FieldError;

/**
 * The rules a case record must satisfy to be stored at all: required fields, sizes, identity
 * number shapes and clean text. A record that fails any of them is rejected whole; a record that
 * passes is stored even when it breaks a process control ({@link ProcessControls} flags those).
 *
 * <p>Text must be storable exactly as sent: no NUL or other control characters (tab and line
 * breaks excepted) and no unpaired surrogates. Supplementary characters such as 𠀀 are fine.
 */
final class CaseRecordCheck {
    static final int MAX_STEPS = 1000;
    static final int MAX_MATERIALS = 1000;
    static final int MAX_FACTS = 200;
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    private static final Pattern RESIDENT_ID = Pattern.compile("[0-9]{17}[0-9X]");
    private static final Pattern CREDIT_CODE = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");
    private static final Pattern PASSPORT = Pattern.compile("[A-Za-z0-9]{5,20}");
    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]{64}");

    private final List<FieldError> errors = new ArrayList<>();

    private CaseRecordCheck() {
    }

    static List<FieldError> check(CaseRecord record, String path) {
        CaseRecordCheck check = new CaseRecordCheck();
        check.record(record, path);
        return List.copyOf(check.errors);
    }

    private void record(CaseRecord r, String path) {
        required(r.caseNo(), path, ".caseNo");
        required(r.itemCode(), path, ".itemCode");
        required(r.regionCode(), path, ".regionCode");
        if (required(r.dataVersion(), path, ".dataVersion") && r.dataVersion() < 1) {
            error(path + ".dataVersion", "must be 1 or more");
        }
        applicant(r.applicant(), path + ".applicant");
        text(r.subject(), path, ".subject", 500, true);
        required(r.acceptedAt(), path, ".acceptedAt");
        text(r.acceptor(), path, ".acceptor", 100, true);
        if (r.promisedWorkingDays() != null && (r.promisedWorkingDays() < 0 || r.promisedWorkingDays() > 3650)) {
            error(path + ".promisedWorkingDays", "must be between 0 and 3650");
        }
        required(r.status(), path, ".status");
        if (r.steps().size() > MAX_STEPS) {
            error(path + ".steps", "has " + r.steps().size() + " steps; at most " + MAX_STEPS + " are accepted");
        }
        for (int i = 0; i < r.steps().size(); i++) {
            step(r.steps().get(i), path + ".steps[" + i + "]");
        }
        if (r.materials().size() > MAX_MATERIALS) {
            error(path + ".materials", "has " + r.materials().size() + " materials; at most " + MAX_MATERIALS + " are accepted");
        }
        for (int i = 0; i < r.materials().size(); i++) {
            material(r.materials().get(i), path + ".materials[" + i + "]");
        }
        if (r.facts().size() > MAX_FACTS) {
            error(path + ".facts", "has " + r.facts().size() + " facts; at most " + MAX_FACTS + " are accepted");
        }
        for (Map.Entry<String, CaseRecord.Fact> fact : r.facts().entrySet()) {
            fact(fact.getKey(), fact.getValue(), path + ".facts." + fact.getKey());
        }
        result(r.result(), path + ".result");
    }

    private void applicant(CaseRecord.Applicant a, String path) {
        if (!required(a, path, "")) {
            return;
        }
        text(a.name(), path, ".name", 200, true);
        required(a.idType(), path, ".idType");
        if (text(a.idNumber(), path, ".idNumber", 64, true) && a.idType() != null) {
            String shape = switch (a.idType()) {
                case RESIDENT_ID -> RESIDENT_ID.matcher(a.idNumber()).matches() ? null
                        : "a resident ID number has 18 characters: 17 digits and a check digit 0-9 or X";
                case CREDIT_CODE -> CREDIT_CODE.matcher(a.idNumber()).matches() ? null
                        : "a unified social credit code has 18 digits or capital letters other than I, O, S, V and Z";
                case PASSPORT -> PASSPORT.matcher(a.idNumber()).matches() ? null
                        : "a passport number has 5 to 20 ASCII letters or digits";
                default -> null;
            };
            if (shape != null) {
                error(path + ".idNumber", shape);
            }
        }
        text(a.contact(), path, ".contact", 100, false);
    }

    private void step(CaseRecord.Step s, String path) {
        if (!required(s, path, "")) {
            return;
        }
        text(s.name(), path, ".name", 200, true);
        required(s.action(), path, ".action");
        text(s.post(), path, ".post", 100, false);
        text(s.actor(), path, ".actor", 100, false);
        text(s.opinion(), path, ".opinion", 4000, false);
        text(s.reason(), path, ".reason", 2000, false);
        required(s.startedAt(), path, ".startedAt");
    }

    private void material(CaseRecord.Material m, String path) {
        if (!required(m, path, "")) {
            return;
        }
        text(m.name(), path, ".name", 300, true);
        required(m.required(), path, ".required");
        required(m.submitted(), path, ".submitted");
        text(m.objectKey(), path, ".objectKey", 1024, false);
        digest(m.sha256(), path, ".sha256");
        digest(m.sm3(), path, ".sm3");
    }

    private void fact(String name, CaseRecord.Fact f, String path) {
        text(name, path, "", 100, true);
        if (!required(f, path, "")) {
            return;
        }
        if (f.value() == null && f.text() == null) {
            error(path, "needs a number in value (with its unit) or a text");
        }
        text(f.unit(), path, ".unit", 20, false);
        text(f.text(), path, ".text", 2000, false);
    }

    private void result(CaseRecord.CaseResult result, String path) {
        if (result == null) {
            return;
        }
        text(result.decision(), path, ".decision", 200, true);
        text(result.documentNo(), path, ".documentNo", 100, false);
        CaseRecord.Penalty penalty = result.penalty();
        if (penalty != null) {
            text(penalty.kind(), path, ".penalty.kind", 50, true);
            BigDecimal amount = penalty.amountYuan();
            if (amount != null) {
                if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
                    error(path + ".penalty.amountYuan", "must be between 0 and " + MAX_AMOUNT.toPlainString() + " yuan");
                } else if (amount.stripTrailingZeros().scale() > 2) {
                    error(path + ".penalty.amountYuan", "has more than 2 decimal places (fen)");
                }
            }
        }
    }

    private void digest(String value, String parent, String field) {
        if (value != null && !HEX_DIGEST.matcher(value).matches()) {
            error(parent + field, "must be 64 lower-case hexadecimal digits");
        }
    }

    // A field's path is parent + field, joined only when there is an error to report: building every
    // path up front was a tenth of the bytes a pushed record allocates.
    private boolean required(Object value, String parent, String field) {
        if (value == null) {
            error(parent + field, "is required");
            return false;
        }
        return true;
    }

    /** Checks presence (when required), length in characters (code points) and clean text. */
    private boolean text(String value, String parent, String field, int maxLength, boolean required) {
        if (value == null) {
            if (required) {
                error(parent + field, "is required");
            }
            return false;
        }
        if (required && value.isBlank()) {
            error(parent + field, "must not be blank");
            return false;
        }
        String dirt = unclean(value);
        if (dirt != null) {
            error(parent + field, dirt);
            return false;
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            error(parent + field, "has " + length + " characters; at most " + maxLength + " are accepted");
            return false;
        }
        return true;
    }

    /** Why the text cannot be stored exactly as sent, or null when it can. */
    static String unclean(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return String.format("has an unpaired surrogate U+%04X at position %d", (int) c, i + 1);
            }
            if (Character.isLowSurrogate(c)) {
                return String.format("has an unpaired surrogate U+%04X at position %d", (int) c, i + 1);
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return String.format("has the control character U+%04X at position %d", (int) c, i + 1);
            }
        }
        return null;
    }

    private void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }
}
