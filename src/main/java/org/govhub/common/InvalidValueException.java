package org.govhub.common;

/**
 * A value (code, identifier, field) that fails its own rules. Value types throw it while
 * parsing at the edge; the problem mapper turns it into a 400 naming the field.
 */
public class InvalidValueException extends IllegalArgumentException {
    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidValueException(String message) {
        this(null, message);
    }

    /** The field or parameter the value came from, when the caller knows it; may be null. */
    public String field() {
        return field;
    }

    public InvalidValueException forField(String newField) {
        return new InvalidValueException(newField, getMessage());
    }
}
