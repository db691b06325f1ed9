package org.govhub.conformance;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractConformanceTest {

    @Test
    void servedSpecificationEqualsTheAgreedFile() throws Exception {
        byte[] served = Hub.anonymous().get("/openapi/hub.yaml").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(Files.readAllBytes(Path.of(Hub.SPEC)), served);
    }

    @Test
    void qOpenapiPublishesEveryAgreedPath() throws Exception {
        JsonNode agreed = new ObjectMapper(new YAMLFactory()).readTree(Path.of(Hub.SPEC).toFile());
        JsonNode served = new ObjectMapper().readTree(Hub.anonymous().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).body("openapi", equalTo("3.0.3")).extract().asString());
        List<String> missing = new ArrayList<>();
        agreed.path("paths").fieldNames().forEachRemaining(path -> {
            if (!served.path("paths").has(path)) {
                missing.add(path);
            }
        });
        assertTrue(missing.isEmpty(), "paths missing from /q/openapi: " + missing);
    }
}
