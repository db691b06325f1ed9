package org.govhub.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The leading digits of the region codes a user or tenant may see: 2 digits (a province),
 * 4 (a city), 6 (a county), or the empty string for the whole country (national admins only).
 */
public final class RegionPrefix {

    public static final RegionPrefix WHOLE_COUNTRY = new RegionPrefix("");

    private static final String FIELD = "regionPrefix";

    private final String value;

    private RegionPrefix(String value) {
        this.value = value;
    }

    @JsonCreator
    public static RegionPrefix parse(String text) {
        if (text == null) {
            throw new InvalidValueException(FIELD, "region prefix is missing");
        }
        if (text.isEmpty()) {
            return WHOLE_COUNTRY;
        }
        CodeText.requireCleanAscii(FIELD, "region prefix", text);
        if (!CodeText.isDigits(text)) {
            throw new InvalidValueException(FIELD,
                    "region prefix " + CodeText.quote(text) + " must contain only digits");
        }
        if (text.length() != 2 && text.length() != 4 && text.length() != 6) {
            throw new InvalidValueException(FIELD, "region prefix " + text + " has " + text.length()
                    + " digits; it must have 2 (province), 4 (city) or 6 (county), or be empty for the whole country");
        }
        return new RegionPrefix(text);
    }

    /** The prefix a node of this region serves: 330000 gives 33, 330300 gives 3303, 330303 gives 330303. */
    public static RegionPrefix ofRegion(String regionCode) {
        String digits = RegionCode.parse(regionCode).value();
        while (digits.length() > 2 && digits.endsWith("00")) {
            digits = digits.substring(0, digits.length() - 2);
        }
        return new RegionPrefix(digits);
    }

    @JsonValue
    public String value() {
        return value;
    }

    public boolean isWholeCountry() {
        return value.isEmpty();
    }

    /** Plain prefix check, so it works for region codes and power-item subject codes alike. */
    public boolean covers(String regionCodeOrSubjectCode) {
        return regionCodeOrSubjectCode != null && regionCodeOrSubjectCode.startsWith(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegionPrefix other && value.equals(other.value);
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
