package org.govhub.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionCodeTest {

    @Test
    void splitsCountyCodeIntoProvinceAndCity() {
        RegionCode longwan = RegionCode.parse("330303");

        assertEquals("330303", longwan.value());
        assertEquals("33", longwan.provinceCode());
        assertEquals("3303", longwan.cityCode());
    }

    @ParameterizedTest
    @CsvSource({"330000, PROVINCE", "330300, CITY", "330303, COUNTY", "110101, COUNTY"})
    void derivesTierFromTrailingZeros(String code, RegionCode.Tier tier) {
        assertEquals(tier, RegionCode.parse(code).tier());
    }

    @Test
    void startsWithComparesLeadingDigits() {
        RegionCode longwan = RegionCode.parse("330303");

        assertTrue(longwan.startsWith("3303"));
        assertTrue(longwan.startsWith(""));
        assertFalse(longwan.startsWith("3304"));
        assertFalse(longwan.startsWith(null));
    }

    @Test
    void equalsByValue() {
        assertEquals(RegionCode.parse("330303"), RegionCode.parse("330303"));
        assertEquals(RegionCode.parse("330303").hashCode(), RegionCode.parse("330303").hashCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "33030   | region code \"33030\" must be exactly 6 digits, e.g. 330303",
            "3303031 | region code \"3303031\" must be exactly 6 digits, e.g. 330303",
            "3303A3  | region code \"3303A3\" must be exactly 6 digits, e.g. 330303",
            "003303  | region code 003303 has province part 00, which is not a province",
    })
    void rejectsMalformedCodeNamingTheProblem(String input, String message) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> RegionCode.parse(input));

        assertEquals(message, e.getMessage());
        assertEquals("regionCode", e.field());
    }

    @Test
    void rejectsFullWidthDigit() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> RegionCode.parse("33030３"));

        assertEquals("region code \"33030３\" contains non-ASCII character '３' (U+FF13) at position 6;"
                + " only ASCII digits and letters are allowed", e.getMessage());
    }

    @Test
    void rejectsSurroundingWhitespace() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> RegionCode.parse("330303 "));

        assertEquals("region code \"330303 \" has leading or trailing whitespace", e.getMessage());
    }

    @Test
    void rejectsMissingCode() {
        assertEquals("region code is missing",
                assertThrows(InvalidValueException.class, () -> RegionCode.parse(null)).getMessage());
        assertEquals("region code is empty",
                assertThrows(InvalidValueException.class, () -> RegionCode.parse("")).getMessage());
    }

    @Test
    void serialisesAsPlainJsonString() throws Exception {
        ObjectMapper json = new ObjectMapper();

        assertEquals("\"330303\"", json.writeValueAsString(RegionCode.parse("330303")));
        assertEquals(RegionCode.parse("330303"), json.readValue("\"330303\"", RegionCode.class));
    }
}
