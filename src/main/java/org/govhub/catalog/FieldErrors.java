package org.govhub.catalog;

import java.util.ArrayList;
import java.util.List;
import org.govhub.common.InvalidValueException;
import org.govhub.common.problem.FieldError;
import org.govhub.common.problem.ProblemException;

/** Collects every failing field of a request, by JSON path, so one answer names them all. */
final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Runs a parse or check that throws {@link InvalidValueException}, recording its message under the field. */
    <T> T attempt(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidValueException e) {
            add(field, e.getMessage());
            return null;
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<FieldError> list() {
        return List.copyOf(errors);
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    /** {@code items[0]} + {@code name} gives {@code items[0].name}; an empty prefix gives just the name. */
    static String path(String prefix, String name) {
        if (prefix == null || prefix.isEmpty()) {
            return name;
        }
        return name.startsWith("[") ? prefix + name : prefix + "." + name;
    }
}
