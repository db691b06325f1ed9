package org.govhub.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.govhub.common.InvalidValueException;

/** What a client may do. A client holds one or more roles; each endpoint names the roles it admits. */
public enum Role {
    ADMIN("admin"),
    PLATFORM("platform"),
    AGGREGATOR("aggregator"),
    DEPARTMENT("department"),
    CATALOG_EDITOR("catalog-editor"),
    CATALOG_REVIEWER("catalog-reviewer"),
    SUPERVISOR("supervisor");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Role parse(String value) {
        for (Role role : values()) {
            if (role.wireName.equals(value)) {
                return role;
            }
        }
        throw new InvalidValueException("roles", "role " + value + " is not one of "
                + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")));
    }
}
