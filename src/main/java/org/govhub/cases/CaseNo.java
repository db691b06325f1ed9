package org.govhub.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;
import org.govhub.common.CodeText;
import org.govhub.common.InvalidValueException;

/**
 * A case serial number (办件流水号), globally unique across the exchange: 1 to 64 ASCII letters,
 * digits, dots, hyphens or underscores, starting with a letter or digit (it appears in URLs).
 */
public final class CaseNo {
    static final String FIELD = "caseNo";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String value;

    private CaseNo(String value) {
        this.value = value;
    }

    @JsonCreator
    public static CaseNo parse(String text) {
        CodeText.requireCleanAscii(FIELD, "case number", text);
        if (!SHAPE.matcher(text).matches()) {
            throw new InvalidValueException(FIELD, "case number " + CodeText.quote(text)
                    + " must be 1 to 64 ASCII letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
        if (text.equals("changes") || text.equals("batches")) {
            throw new InvalidValueException(FIELD, "case number " + text + " is reserved: it names an endpoint under /api/v1/cases");
        }
        return new CaseNo(text);
    }

    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaseNo other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
