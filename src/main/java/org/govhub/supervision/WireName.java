package org.govhub.supervision;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.govhub.common.CodeText;
import org.govhub.common.InvalidValueException;

/** An enum whose JSON, query-parameter and stored form is a lower-case wire name such as {@code too-many-corrections}. */
interface WireName {

    String wireName();

    /** The constant with this wire name, or a 400-ready error listing the allowed names. */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String field, String label, String text) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(WireName::wireName).collect(Collectors.joining(", "));
        if (text == null || text.isEmpty()) {
            throw new InvalidValueException(field, label + " is missing; it must be one of " + allowed);
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(text)) {
                return constant;
            }
        }
        throw new InvalidValueException(field, label + " " + CodeText.quote(text) + " is not one of " + allowed);
    }
}
