package org.govhub.licences;

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

class LicenceIdTest {

    /** The example given in the issue. */
    private static final String EXAMPLE =
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U";
    private static final String EXAMPLE_CHECK_INPUT = "11100000000013338W01111430000006122244L20230000403001";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    void mod3736GivesPublishedCheckCharacterOfGridExample() {
        // Global Release Identifier example A1-2425G-ABC1234002-M (GRid uses ISO 7064 MOD 37,36).
        assertEquals('M', LicenceId.mod3736CheckCharacter("A12425GABC1234002"));
    }

    @Test
    void mod3736GivesPublishedCheckCharacterOfIsanRoot() {
        // ISAN root 0000-0000-C36D-002B-K ("Amok Time"), whose check character is MOD 37,36.
        assertEquals('K', LicenceId.mod3736CheckCharacter("00000000C36D002B"));
    }

    @Test
    void mod3736DetectsEverySingleCharacterSubstitution() {
        char check = LicenceId.mod3736CheckCharacter(EXAMPLE_CHECK_INPUT);
        for (int i = 0; i < EXAMPLE_CHECK_INPUT.length(); i++) {
            for (char replacement : ALPHABET.toCharArray()) {
                if (replacement == EXAMPLE_CHECK_INPUT.charAt(i)) {
                    continue;
                }
                String altered = EXAMPLE_CHECK_INPUT.substring(0, i) + replacement
                        + EXAMPLE_CHECK_INPUT.substring(i + 1);
                assertNotEquals(check, LicenceId.mod3736CheckCharacter(altered), altered);
            }
        }
    }

    @Test
    void mod3736RejectsCharactersOutsideItsAlphabet() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> LicenceId.mod3736CheckCharacter("12a4"));

        assertEquals("character 'a' at position 3 of \"12a4\" is not a digit or capital letter", e.getMessage());
    }

    /**
     * The check character covers type code + issuer code + serial + version without the fixed
     * prefix and without dots; under that rule the example's U is right. Had the prefix digits
     * "1215630052" been included too, MOD 37,36 would give 7 instead.
     */
    @Test
    void parsesExampleFromTheIssue() {
        LicenceId id = LicenceId.parse(EXAMPLE);

        assertEquals("11100000000013338W011", id.typeCode());
        assertEquals("11430000006122244L", id.issuerCode());
        assertEquals("20230000403", id.serial());
        assertEquals(1, id.version());
        assertEquals('U', id.checkCharacter());
        assertEquals(EXAMPLE, id.toString());
        assertEquals('U', LicenceId.mod3736CheckCharacter(EXAMPLE_CHECK_INPUT));
        assertEquals('7', LicenceId.mod3736CheckCharacter("1215630052" + EXAMPLE_CHECK_INPUT));
    }

    @Test
    void rejectsCheckCharacterComputedOverThePrefixToo() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> LicenceId.parse(
                "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.7"));

        assertEquals("check character is 7 but MOD 37,36 over " + EXAMPLE_CHECK_INPUT
                + " (type code + issuer code + serial + version) gives U", e.getMessage());
    }

    @Test
    void rejectsIdWithOneSerialDigitChanged() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> LicenceId.parse(
                "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000404.001.U"));

        assertEquals("check character is U but MOD 37,36 over 11100000000013338W01111430000006122244L20230000404001"
                + " (type code + issuer code + serial + version) gives E", e.getMessage());
    }

    @Test
    void createComputesCheckCharacter() {
        LicenceId id = LicenceId.create("11100000000013338W011", "11430000006122244L", "20230000403", 1);

        assertEquals(EXAMPLE, id.toString());
        assertEquals(LicenceId.parse(EXAMPLE), id);
    }

    @Test
    void createdIdParsesBack() {
        LicenceId id = LicenceId.create("330100", "91330100MA2AXXXX0Y", "A7", 12);

        assertEquals(id, LicenceId.parse(id.toString()));
    }

    @Test
    void createRejectsVersionAboveThreeDigits() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> LicenceId.create("330100", "11430000006122244L", "1", 1000));

        assertEquals("version 1000 is outside 0..999", e.getMessage());
    }

    static Stream<Arguments> malformedIds() {
        return Stream.of(
                Arguments.of(null, "licence id is missing"),
                Arguments.of("", "licence id is empty"),
                Arguments.of(EXAMPLE + " ", "licence id \"" + EXAMPLE + " \" has leading or trailing whitespace"),
                Arguments.of("1.2.156.3005.3.11100000000013338W011.11430000006122244L.20230000403.001.U",
                        "licence id \"1.2.156.3005.3.11100000000013338W011.11430000006122244L.20230000403.001.U\""
                                + " does not start with the electronic licence prefix 1.2.156.3005.2."),
                Arguments.of("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001",
                        "licence id \"1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001\""
                                + " has 4 dot-separated segments after 1.2.156.3005.2 but needs 5:"
                                + " <type code>.<issuer code>.<serial>.<version>.<check character>"),
                Arguments.of("1.2.156.3005.2.11100000000013338w011.11430000006122244L.20230000403.001.U",
                        "licence type code \"11100000000013338w011\" must be 1 to 64 digits or capital letters"),
                Arguments.of("1.2.156.3005.2..11430000006122244L.20230000403.001.U",
                        "licence type code \"\" must be 1 to 64 digits or capital letters"),
                Arguments.of("1.2.156.3005.2.11100000000013338W011.1143000000612224L.20230000403.001.U",
                        "issuer code \"1143000000612224L\" has 17 characters but a unified social credit code has 18"),
                Arguments.of("1.2.156.3005.2.11100000000013338W011.11430000006I22244L.20230000403.001.U",
                        "issuer code 11430000006I22244L has 'I' at position 12; a unified social credit code uses"
                                + " only digits and capital letters other than I, O, S, V and Z"),
                Arguments.of("1.2.156.3005.2.11100000000013338W011.11430000006122244L.202300004030000000000.001.U",
                        "serial \"202300004030000000000\" must be 1 to 20 digits or capital letters"),
                Arguments.of("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.01.U",
                        "version \"01\" must be exactly 3 digits, e.g. 001"),
                Arguments.of("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.u",
                        "check character \"u\" must be a single digit or capital letter"),
                Arguments.of("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.UU",
                        "check character \"UU\" must be a single digit or capital letter"));
    }

    @ParameterizedTest
    @MethodSource("malformedIds")
    void rejectsMalformedIdNamingTheProblem(String input, String message) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> LicenceId.parse(input));

        assertEquals(message, e.getMessage());
        assertEquals("licenceId", e.field());
    }

    @Test
    void serialisesAsPlainJsonString() throws Exception {
        ObjectMapper json = new ObjectMapper();

        assertEquals("\"" + EXAMPLE + "\"", json.writeValueAsString(LicenceId.parse(EXAMPLE)));
        assertEquals(LicenceId.parse(EXAMPLE), json.readValue("\"" + EXAMPLE + "\"", LicenceId.class));
    }
}
