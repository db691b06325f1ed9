package org.govhub.licences;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.govhub.common.CodeText;
import org.govhub.common.InvalidValueException;

/**
 * An electronic licence identifier in the shape of GB/T 36904:
 * {@code 1.2.156.3005.2.<licence type code>.<issuer code>.<serial>.<version>.<check character>}.
 *
 * <ul>
 *   <li>licence type code: 1..64 digits or capital letters;</li>
 *   <li>issuer code: the issuer's 18-character unified social credit code (only its alphabet is
 *       checked, not its own GB 32100 check character);</li>
 *   <li>serial: 1..20 digits or capital letters;</li>
 *   <li>version: exactly 3 digits;</li>
 *   <li>check character: ISO/IEC 7064 MOD 37,36 over the <b>check input</b> =
 *       type code + issuer code + serial + version, concatenated without dots. The fixed prefix
 *       {@code 1.2.156.3005.2} is not part of the check input.</li>
 * </ul>
 * The prefix is left out because that is the reading under which the published example
 * {@code 1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U} carries a
 * correct check character; including the prefix digits would give {@code 7} instead. The prefix
 * is compared literally, so excluding it loses no error detection.
 */
public final class LicenceId {

    public static final String PREFIX = "1.2.156.3005.2";

    private static final String FIELD = "licenceId";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int M = 36;
    private static final String CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private final String typeCode;
    private final String issuerCode;
    private final String serial;
    private final int version;
    private final char checkCharacter;

    private LicenceId(String typeCode, String issuerCode, String serial, int version, char checkCharacter) {
        this.typeCode = typeCode;
        this.issuerCode = issuerCode;
        this.serial = serial;
        this.version = version;
        this.checkCharacter = checkCharacter;
    }

    @JsonCreator
    public static LicenceId parse(String text) {
        CodeText.requireCleanAscii(FIELD, "licence id", text);
        if (!text.startsWith(PREFIX + ".")) {
            throw new InvalidValueException(FIELD, "licence id " + CodeText.quote(text)
                    + " does not start with the electronic licence prefix " + PREFIX + ".");
        }
        String[] parts = text.substring(PREFIX.length() + 1).split("\\.", -1);
        if (parts.length != 5) {
            throw new InvalidValueException(FIELD, "licence id " + CodeText.quote(text) + " has " + parts.length
                    + " dot-separated segments after " + PREFIX
                    + " but needs 5: <type code>.<issuer code>.<serial>.<version>.<check character>");
        }
        checkParts(parts[0], parts[1], parts[2]);
        int version = parseVersion(parts[3]);
        String check = parts[4];
        if (check.length() != 1 || ALPHABET.indexOf(check.charAt(0)) < 0) {
            throw new InvalidValueException(FIELD, "check character " + CodeText.quote(check)
                    + " must be a single digit or capital letter");
        }
        String checkInput = parts[0] + parts[1] + parts[2] + parts[3];
        char expected = mod3736CheckCharacter(checkInput);
        if (check.charAt(0) != expected) {
            throw new InvalidValueException(FIELD, "check character is " + check + " but MOD 37,36 over "
                    + checkInput + " (type code + issuer code + serial + version) gives " + expected);
        }
        return new LicenceId(parts[0], parts[1], parts[2], version, expected);
    }

    /** Builds a new id, computing its check character. */
    public static LicenceId create(String typeCode, String issuerCode, String serial, int version) {
        CodeText.requireCleanAscii(FIELD, "licence type code", typeCode);
        CodeText.requireCleanAscii(FIELD, "issuer code", issuerCode);
        CodeText.requireCleanAscii(FIELD, "serial", serial);
        checkParts(typeCode, issuerCode, serial);
        if (version < 0 || version > 999) {
            throw new InvalidValueException(FIELD, "version " + version + " is outside 0..999");
        }
        char check = mod3736CheckCharacter(typeCode + issuerCode + serial + formatVersion(version));
        return new LicenceId(typeCode, issuerCode, serial, version, check);
    }

    /**
     * ISO/IEC 7064 MOD 37,36 (hybrid system, alphabet 0-9 then A-Z): the character that makes the
     * whole string check. Detects every single-character substitution; it does not detect every
     * adjacent transposition (e.g. some {@code GH}/{@code HG} swaps, depending on what precedes).
     */
    public static char mod3736CheckCharacter(String input) {
        int p = M;
        for (int i = 0; i < input.length(); i++) {
            int value = ALPHABET.indexOf(input.charAt(i));
            if (value < 0) {
                throw new InvalidValueException(FIELD, "character '" + input.charAt(i) + "' at position " + (i + 1)
                        + " of " + CodeText.quote(input) + " is not a digit or capital letter");
            }
            int s = p % (M + 1) + value;
            p = (s % M == 0 ? M : s % M) * 2;
        }
        return ALPHABET.charAt((M + 1 - p % (M + 1)) % M);
    }

    private static void checkParts(String typeCode, String issuerCode, String serial) {
        if (typeCode.length() > 64 || !CodeText.isDigitsOrCapitals(typeCode)) {
            throw new InvalidValueException(FIELD, "licence type code " + CodeText.quote(typeCode)
                    + " must be 1 to 64 digits or capital letters");
        }
        if (issuerCode.length() != 18) {
            throw new InvalidValueException(FIELD, "issuer code " + CodeText.quote(issuerCode) + " has "
                    + issuerCode.length() + " characters but a unified social credit code has 18");
        }
        for (int i = 0; i < issuerCode.length(); i++) {
            if (CREDIT_CODE_ALPHABET.indexOf(issuerCode.charAt(i)) < 0) {
                throw new InvalidValueException(FIELD, "issuer code " + issuerCode + " has '" + issuerCode.charAt(i)
                        + "' at position " + (i + 1) + "; a unified social credit code uses only digits and"
                        + " capital letters other than I, O, S, V and Z");
            }
        }
        if (serial.length() > 20 || !CodeText.isDigitsOrCapitals(serial)) {
            throw new InvalidValueException(FIELD, "serial " + CodeText.quote(serial)
                    + " must be 1 to 20 digits or capital letters");
        }
    }

    private static int parseVersion(String version) {
        if (version.length() != 3 || !CodeText.isDigits(version)) {
            throw new InvalidValueException(FIELD, "version " + CodeText.quote(version)
                    + " must be exactly 3 digits, e.g. 001");
        }
        return Integer.parseInt(version);
    }

    private static String formatVersion(int version) {
        return String.format("%03d", version);
    }

    public String typeCode() {
        return typeCode;
    }

    public String issuerCode() {
        return issuerCode;
    }

    public String serial() {
        return serial;
    }

    public int version() {
        return version;
    }

    public char checkCharacter() {
        return checkCharacter;
    }

    @JsonValue
    @Override
    public String toString() {
        return String.join(".", PREFIX, typeCode, issuerCode, serial, formatVersion(version),
                String.valueOf(checkCharacter));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LicenceId other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
