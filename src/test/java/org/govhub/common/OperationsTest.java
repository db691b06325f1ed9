package org.govhub.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@HubTest
class OperationsTest {

    @Test
    void readinessCoversDatabaseAndObjectStorage() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("object-storage", "Database connections health check"));
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        given().get("/api/v1/node").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void rawContractIsServedByteForByte() throws Exception {
        byte[] served = given().get("/openapi/hub.yaml").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(Files.readAllBytes(Path.of("openapi/hub.yaml")), served);
    }

    @Test
    void contractIsServedAtQOpenapi() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("openapi", equalTo("3.0.3"))
                .body("paths.'/api/v1/auth/token'.post.operationId", equalTo("issueToken"));
    }
}
