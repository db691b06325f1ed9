package org.govhub.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A 6-digit administrative division code (GB/T 2260), e.g. {@code 330303} = Longwan district,
 * Wenzhou, Zhejiang. The tier follows from the trailing zeros: {@code 330000} is a province,
 * {@code 330300} a city, {@code 330303} a county.
 */
public final class RegionCode {

    public enum Tier { PROVINCE, CITY, COUNTY }

    static final String FIELD = "regionCode";

    private final String value;

    private RegionCode(String value) {
        this.value = value;
    }

    @JsonCreator
    public static RegionCode parse(String text) {
        CodeText.requireCleanAscii(FIELD, "region code", text);
        if (text.length() != 6 || !CodeText.isDigits(text)) {
            throw new InvalidValueException(FIELD,
                    "region code " + CodeText.quote(text) + " must be exactly 6 digits, e.g. 330303");
        }
        if (text.startsWith("00")) {
            throw new InvalidValueException(FIELD,
                    "region code " + text + " has province part 00, which is not a province");
        }
        return new RegionCode(text);
    }

    @JsonValue
    public String value() {
        return value;
    }

    public String provinceCode() {
        return value.substring(0, 2);
    }

    public String cityCode() {
        return value.substring(0, 4);
    }

    public Tier tier() {
        if (value.endsWith("0000")) {
            return Tier.PROVINCE;
        }
        return value.endsWith("00") ? Tier.CITY : Tier.COUNTY;
    }

    public boolean startsWith(String prefix) {
        return prefix != null && value.startsWith(prefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegionCode other && value.equals(other.value);
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
