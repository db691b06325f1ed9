package org.govhub.licences;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.govhub.common.InvalidValueException;

/**
 * The state of a licence (证照状态). {@code valid}, {@code revoked} and {@code suspended} are stored;
 * {@code expired} is never stored but follows from the end of the validity period and the hub clock.
 */
public enum LicenceStatus {
    VALID("valid"),
    REVOKED("revoked"),
    EXPIRED("expired"),
    SUSPENDED("suspended");

    private final String wireName;

    LicenceStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static LicenceStatus parse(String value) {
        for (LicenceStatus status : values()) {
            if (status.wireName.equals(value)) {
                return status;
            }
        }
        throw new InvalidValueException("status", "status " + value + " is not one of "
                + Arrays.stream(values()).map(LicenceStatus::wireName).collect(Collectors.joining(", ")));
    }
}
