package org.govhub.ferry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;
import org.govhub.common.InvalidValueException;

/**
 * A lane: one ordered stream of bundles from a sending node across the gap, with its own sequence
 * numbers and its own hash chain of manifest digests (e.g. {@code cases}, {@code licences}).
 * Lower-case letters, digits and inner hyphens, at most 40 characters.
 */
public final class Lane implements Comparable<Lane> {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

    private final String name;

    private Lane(String name) {
        this.name = name;
    }

    @JsonCreator
    public static Lane parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new InvalidValueException("lane", "lane " + (text == null ? "is missing"
                    : "\"" + text + "\" must be 1-40 lower-case letters, digits and inner hyphens"));
        }
        return new Lane(text);
    }

    public static boolean isValid(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    @JsonValue
    public String name() {
        return name;
    }

    @Override
    public int compareTo(Lane other) {
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lane other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
