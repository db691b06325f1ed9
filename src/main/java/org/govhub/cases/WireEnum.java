package org.govhub.cases;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.govhub.common.InvalidValueException;

/** The enums of the case record travel as lower-case, hyphenated wire names. */
interface WireEnum {
    String wireName();

    /** {@code values} is the enum's constants, kept by the enum: {@code values()} copies them at every call. */
    static <E extends Enum<E> & WireEnum> E parse(E[] values, String field, String label, String text) {
        for (E value : values) {
            if (value.wireName().equals(text)) {
                return value;
            }
        }
        throw new InvalidValueException(field, label + " " + (text == null ? "is missing" : "\"" + text + "\" is unknown")
                + "; it must be one of " + Arrays.stream(values).map(WireEnum::wireName)
                        .collect(Collectors.joining(", ")));
    }
}
