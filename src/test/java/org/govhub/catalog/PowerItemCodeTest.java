package org.govhub.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.govhub.common.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PowerItemCodeTest {

    private static final String SHAPE = "<subject code: 8 digits + 2 capital letters>-<type code: 2 letters>"
            + "-<sequence: 4 digits>, e.g. 33030300AJ-CF-0003";
    private static final String ALL_TYPES = "XK, SP, CF, QZ, ZS, GF, JL, QR, ZY, CJ, JG, DL, FW, QT";

    @Test
    void parsesLongwanSafetyBureauThirdPenaltyItem() {
        PowerItemCode code = PowerItemCode.parse("33030300AJ-CF-0003");

        assertEquals("33030300AJ", code.subjectCode());
        assertEquals("33030300", code.regionDigits());
        assertEquals("33", code.provinceCode());
        assertEquals("3303", code.cityCode());
        assertEquals("330303", code.countyCode());
        assertEquals("00", code.townshipCode());
        assertEquals("AJ", code.department());
        assertEquals(PowerItemType.CF, code.type());
        assertEquals(3, code.sequence());
    }

    @Test
    void parsesLongwanBusinessBureauFirstAgencyItem() {
        PowerItemCode code = PowerItemCode.parse("33030300GS-DL-0001");

        assertEquals("33030300GS", code.subjectCode());
        assertEquals("330303", code.countyCode());
        assertEquals("GS", code.department());
        assertEquals(PowerItemType.DL, code.type());
        assertEquals(1, code.sequence());
    }

    @Test
    void readsTownshipDigitsOfTownshipDepartment() {
        PowerItemCode code = PowerItemCode.parse("33030312MZ-QR-9999");

        assertEquals("12", code.townshipCode());
        assertEquals(9999, code.sequence());
    }

    @Test
    void printsCanonicalForm() {
        assertEquals("33030300AJ-CF-0003", PowerItemCode.parse("33030300AJ-CF-0003").toString());
    }

    @Test
    void buildsFromPartsWithZeroPaddedSequence() {
        PowerItemCode code = PowerItemCode.of("33030300AJ", PowerItemType.CF, 3);

        assertEquals("33030300AJ-CF-0003", code.toString());
        assertEquals(PowerItemCode.parse("33030300AJ-CF-0003"), code);
        assertEquals("33030300AJ-CF-0042", PowerItemCode.of("33030300AJ", PowerItemType.CF, 42).toString());
        assertEquals("33030300AJ-CF-0510", PowerItemCode.of("33030300AJ", PowerItemType.CF, 510).toString());
        assertEquals("33030300AJ-CF-9999", PowerItemCode.of("33030300AJ", PowerItemType.CF, 9999).toString());
    }

    @Test
    void equalCodesHaveEqualHashCodes() {
        PowerItemCode a = PowerItemCode.parse("33030300AJ-CF-0003");
        PowerItemCode b = PowerItemCode.parse("33030300AJ-CF-0003");

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, PowerItemCode.parse("33030300AJ-CF-0004"));
        assertNotEquals(a, PowerItemCode.parse("33030300AJ-QZ-0003"));
    }

    @Test
    void rejectsLowerCaseDepartment() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> PowerItemCode.parse("33030300aj-CF-0003"));

        assertEquals("department code aj of subject code 33030300aj must be 2 capital letters A-Z"
                + " (pinyin initials, e.g. GS, AJ); lower case is not accepted", e.getMessage());
    }

    @Test
    void rejectsSequenceZero() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> PowerItemCode.parse("33030300AJ-CF-0000"));

        assertEquals("sequence 0000 is not allowed; sequences start at 0001", e.getMessage());
    }

    @Test
    void rejectsNull() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PowerItemCode.parse(null));

        assertEquals("power item code is missing", e.getMessage());
    }

    @Test
    void namesThePowerItemCodeFieldEvenForTypeErrors() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> PowerItemCode.parse("33030300AJ-XX-0003"));

        assertEquals("powerItemCode", e.field());
    }

    static Stream<Arguments> malformedCodes() {
        return Stream.of(
                Arguments.of("", "power item code is empty"),
                Arguments.of("33030300AJCF0003",
                        "power item code \"33030300AJCF0003\" has 0 hyphens but needs exactly 2, in the form " + SHAPE),
                Arguments.of("33030300AJ-CF0003",
                        "power item code \"33030300AJ-CF0003\" has 1 hyphens but needs exactly 2, in the form " + SHAPE),
                Arguments.of("33030300AJ-CF-0003-1",
                        "power item code \"33030300AJ-CF-0003-1\" has 3 hyphens but needs exactly 2, in the form "
                                + SHAPE),
                Arguments.of("3303030AJ-CF-0003", "subject code \"3303030AJ\" has 9 characters but needs 10"
                        + " (8 region digits + 2 department letters)"),
                Arguments.of("330303000AJ-CF-0003", "subject code \"330303000AJ\" has 11 characters but needs 10"
                        + " (8 region digits + 2 department letters)"),
                Arguments.of("3303A300AJ-CF-0003", "region part 3303A300 of subject code 3303A300AJ must be 8 digits"
                        + " (province 2 + city 2 + county 2 + township 2)"),
                Arguments.of("33030300A1-CF-0003", "department code A1 of subject code 33030300A1 must be"
                        + " 2 capital letters A-Z (pinyin initials, e.g. GS, AJ)"),
                Arguments.of("33030300Aj-CF-0003", "department code Aj of subject code 33030300Aj must be"
                        + " 2 capital letters A-Z (pinyin initials, e.g. GS, AJ); lower case is not accepted"),
                Arguments.of("33030300AJ-XX-0003", "type code XX is not one of " + ALL_TYPES),
                Arguments.of("33030300AJ-cf-0003", "type code cf is not one of " + ALL_TYPES),
                Arguments.of("33030300AJ--0003", "type code is missing; it must be one of " + ALL_TYPES),
                Arguments.of("33030300AJ-CF-003",
                        "sequence \"003\" must be exactly 4 digits, zero-padded (e.g. 0003)"),
                Arguments.of("33030300AJ-CF-00003",
                        "sequence \"00003\" must be exactly 4 digits, zero-padded (e.g. 0003)"),
                Arguments.of("33030300AJ-CF-00O3",
                        "sequence \"00O3\" must be exactly 4 digits, zero-padded (e.g. 0003)"),
                Arguments.of("33030300AJ-CF-0000", "sequence 0000 is not allowed; sequences start at 0001"),
                Arguments.of(" 33030300AJ-CF-0003",
                        "power item code \" 33030300AJ-CF-0003\" has leading or trailing whitespace"),
                Arguments.of("33030300AJ-CF-0003\n",
                        "power item code \"33030300AJ-CF-0003\n\" has leading or trailing whitespace"),
                Arguments.of("33030300AJ-CF-000３", "power item code \"33030300AJ-CF-000３\" contains non-ASCII"
                        + " character '３' (U+FF13) at position 18; only ASCII digits and letters are allowed"),
                Arguments.of("33030300AJ–CF–0003", "power item code \"33030300AJ–CF–0003\" contains non-ASCII"
                        + " character '–' (U+2013) at position 11; only ASCII digits and letters are allowed"));
    }

    @ParameterizedTest
    @MethodSource("malformedCodes")
    void rejectsMalformedCodeNamingTheProblem(String input, String message) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PowerItemCode.parse(input));

        assertEquals(message, e.getMessage());
    }

    @Test
    void buildingRejectsSequenceOutsideRange() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> PowerItemCode.of("33030300AJ", PowerItemType.CF, 10000));

        assertEquals("sequence 10000 is outside 1..9999", e.getMessage());
    }

    @Test
    void buildingRejectsMalformedSubjectCode() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> PowerItemCode.of("33030300gs", PowerItemType.DL, 1));

        assertEquals("department code gs of subject code 33030300gs must be 2 capital letters A-Z"
                + " (pinyin initials, e.g. GS, AJ); lower case is not accepted", e.getMessage());
    }

    @Test
    void serialisesAsCanonicalJsonString() throws Exception {
        ObjectMapper json = new ObjectMapper();
        PowerItemCode code = PowerItemCode.parse("33030300GS-DL-0001");

        assertEquals("\"33030300GS-DL-0001\"", json.writeValueAsString(code));
        assertEquals(code, json.readValue("\"33030300GS-DL-0001\"", PowerItemCode.class));
    }
}
