package org.govhub.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegionPrefixTest {

    @Test
    void emptyPrefixMeansWholeCountryAndCoversEverything() {
        RegionPrefix country = RegionPrefix.parse("");

        assertSame(RegionPrefix.WHOLE_COUNTRY, country);
        assertTrue(country.isWholeCountry());
        assertTrue(country.covers("330303"));
        assertTrue(country.covers("11010100GS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"33", "3303", "330303"})
    void acceptsProvinceCityAndCountyPrefixes(String prefix) {
        assertEquals(prefix, RegionPrefix.parse(prefix).value());
    }

    @Test
    void coversRegionCodesAndSubjectCodesBeginningWithIt() {
        RegionPrefix wenzhou = RegionPrefix.parse("3303");

        assertTrue(wenzhou.covers("330303"));
        assertTrue(wenzhou.covers("33030300AJ"));
    }

    @Test
    void doesNotCoverNeighbouringRegions() {
        RegionPrefix longwan = RegionPrefix.parse("330303");

        assertFalse(longwan.covers("330304"));
        assertFalse(longwan.covers("3303"));
        assertFalse(longwan.covers(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3       | region prefix 3 has 1 digits; it must have 2 (province), 4 (city) or 6 (county),"
                    + " or be empty for the whole country",
            "33030   | region prefix 33030 has 5 digits; it must have 2 (province), 4 (city) or 6 (county),"
                    + " or be empty for the whole country",
            "3303030 | region prefix 3303030 has 7 digits; it must have 2 (province), 4 (city) or 6 (county),"
                    + " or be empty for the whole country",
            "33AB    | region prefix \"33AB\" must contain only digits",
    })
    void rejectsMalformedPrefixNamingTheProblem(String input, String message) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> RegionPrefix.parse(input));

        assertEquals(message, e.getMessage());
        assertEquals("regionPrefix", e.field());
    }

    @Test
    void rejectsBlankPrefixInsteadOfTreatingItAsWholeCountry() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> RegionPrefix.parse(" "));

        assertEquals("region prefix \" \" has leading or trailing whitespace", e.getMessage());
    }

    @Test
    void rejectsMissingPrefix() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> RegionPrefix.parse(null));

        assertEquals("region prefix is missing", e.getMessage());
    }

    @Test
    void serialisesAsPlainJsonStringIncludingWholeCountry() throws Exception {
        ObjectMapper json = new ObjectMapper();

        assertEquals("\"3303\"", json.writeValueAsString(RegionPrefix.parse("3303")));
        assertEquals("\"\"", json.writeValueAsString(RegionPrefix.WHOLE_COUNTRY));
        assertEquals(RegionPrefix.parse("3303"), json.readValue("\"3303\"", RegionPrefix.class));
        assertEquals(RegionPrefix.WHOLE_COUNTRY, json.readValue("\"\"", RegionPrefix.class));
    }
}
