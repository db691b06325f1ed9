package org.govhub.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.govhub.common.CodeText;
import org.govhub.common.InvalidValueException;

/**
 * A power-item code (seed 000, 附件2): {@code <subject code>-<type code>-<sequence>}, e.g.
 * {@code 33030300AJ-CF-0003} = Longwan district (330303), county level (township 00), safety
 * bureau (AJ), 3rd penalty (CF) item. The subject code is 8 region digits (province 2, city 2,
 * county 2, township 2) and 2 capital letters for the department.
 */
public final class PowerItemCode {

    private static final String FIELD = "powerItemCode";
    private static final String LABEL = "power item code";
    private static final String SHAPE = "<subject code: 8 digits + 2 capital letters>-<type code: 2 letters>"
            + "-<sequence: 4 digits>, e.g. 33030300AJ-CF-0003";

    private final String subjectCode;
    private final PowerItemType type;
    private final int sequence;
    private final String text;

    private PowerItemCode(String subjectCode, PowerItemType type, int sequence) {
        this.subjectCode = subjectCode;
        this.type = type;
        this.sequence = sequence;
        // written once: the code is a map key and a column value for every case record pushed
        String digits = Integer.toString(sequence);
        this.text = subjectCode + "-" + type.code() + "-" + "0000".substring(digits.length()) + digits;
    }

    @JsonCreator
    public static PowerItemCode parse(String text) {
        CodeText.requireCleanAscii(FIELD, LABEL, text);
        String[] parts = text.split("-", -1);
        if (parts.length != 3) {
            throw new InvalidValueException(FIELD, LABEL + " " + CodeText.quote(text) + " has "
                    + (parts.length - 1) + " hyphens but needs exactly 2, in the form " + SHAPE);
        }
        String subject = checkSubjectCode(parts[0]);
        PowerItemType type = parseType(parts[1]);
        return new PowerItemCode(subject, type, parseSequence(parts[2]));
    }

    public static PowerItemCode of(String subjectCode, PowerItemType type, int sequence) {
        CodeText.requireCleanAscii(FIELD, "subject code", subjectCode);
        if (type == null) {
            throw new InvalidValueException(FIELD, "type code is missing");
        }
        return new PowerItemCode(checkSubjectCode(subjectCode), type, checkSequenceRange(sequence));
    }

    /** Checks a 10-character handling-subject code on its own, e.g. the department of a list entry. */
    public static String requireSubjectCode(String subjectCode) {
        try {
            CodeText.requireCleanAscii("subjectCode", "subject code", subjectCode);
            return checkSubjectCode(subjectCode);
        } catch (InvalidValueException e) {
            throw e.forField("subjectCode");
        }
    }

    private static String checkSubjectCode(String subject) {
        if (subject.length() != 10) {
            throw new InvalidValueException(FIELD, "subject code " + CodeText.quote(subject) + " has "
                    + subject.length() + " characters but needs 10 (8 region digits + 2 department letters)");
        }
        String region = subject.substring(0, 8);
        if (!CodeText.isDigits(region)) {
            throw new InvalidValueException(FIELD, "region part " + region + " of subject code " + subject
                    + " must be 8 digits (province 2 + city 2 + county 2 + township 2)");
        }
        String department = subject.substring(8);
        if (!CodeText.isCapitalLetters(department)) {
            throw new InvalidValueException(FIELD, "department code " + department + " of subject code "
                    + subject + " must be 2 capital letters A-Z (pinyin initials, e.g. GS, AJ)"
                    + (CodeText.isCapitalLetters(department.toUpperCase()) ? "; lower case is not accepted" : ""));
        }
        return subject;
    }

    private static PowerItemType parseType(String code) {
        try {
            return PowerItemType.parse(code);
        } catch (InvalidValueException e) {
            throw e.forField(FIELD);
        }
    }

    private static int parseSequence(String sequence) {
        if (sequence.length() != 4 || !CodeText.isDigits(sequence)) {
            throw new InvalidValueException(FIELD, "sequence " + CodeText.quote(sequence)
                    + " must be exactly 4 digits, zero-padded (e.g. 0003)");
        }
        if (sequence.equals("0000")) {
            throw new InvalidValueException(FIELD, "sequence 0000 is not allowed; sequences start at 0001");
        }
        return Integer.parseInt(sequence);
    }

    private static int checkSequenceRange(int sequence) {
        if (sequence < 1 || sequence > 9999) {
            throw new InvalidValueException(FIELD, "sequence " + sequence + " is outside 1..9999");
        }
        return sequence;
    }

    /** The 10-character handling-subject code, e.g. {@code 33030300AJ}. */
    public String subjectCode() {
        return subjectCode;
    }

    /** The 8 region digits: province, city, county, township. */
    public String regionDigits() {
        return subjectCode.substring(0, 8);
    }

    public String provinceCode() {
        return subjectCode.substring(0, 2);
    }

    /** The 4-digit city prefix, e.g. {@code 3303}. */
    public String cityCode() {
        return subjectCode.substring(0, 4);
    }

    /** The 6-digit region code of the county, e.g. {@code 330303}. */
    public String countyCode() {
        return subjectCode.substring(0, 6);
    }

    /** The 2 township digits; {@code 00} for county-level departments. */
    public String townshipCode() {
        return subjectCode.substring(6, 8);
    }

    public String department() {
        return subjectCode.substring(8);
    }

    public PowerItemType type() {
        return type;
    }

    public int sequence() {
        return sequence;
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowerItemCode other
                && subjectCode.equals(other.subjectCode) && type == other.type && sequence == other.sequence;
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
