package org.govhub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.govhub.common.InvalidValueException;
import org.govhub.common.problem.ProblemMappers;

/** Stores catalogue documents as JSON text and reads them back; the one place that knows the format. */
@ApplicationScoped
class CatalogJson {
    private final ObjectMapper json;

    CatalogJson(ObjectMapper json) {
        this.json = json;
    }

    String write(Object document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write catalogue document", e);
        }
    }

    <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored catalogue document does not read back as " + type.getSimpleName(), e);
        }
    }

    /** Converts one row of an import, recording why it does not fit under the row's path. */
    <T> T convert(JsonNode row, Class<T> type, String at, FieldErrors errors) {
        try {
            return json.treeToValue(row, type);
        } catch (JsonMappingException e) {
            String inner = ProblemMappers.jsonPath(e.getPath());
            String field = inner.isEmpty() ? at : FieldErrors.path(at, inner);
            errors.add(field, invalidValue(e) != null ? invalidValue(e).getMessage() : e.getOriginalMessage());
            return null;
        } catch (JsonProcessingException e) {
            errors.add(at, e.getOriginalMessage());
            return null;
        }
    }

    private static InvalidValueException invalidValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidValueException invalid) {
                return invalid;
            }
        }
        return null;
    }
}
