package org.govhub.catalog;

import static io.restassured.RestAssured.given;
import static org.govhub.catalog.CatalogSteps.ITEMS;
import static org.govhub.catalog.CatalogSteps.add;
import static org.govhub.catalog.CatalogSteps.approve;
import static org.govhub.catalog.CatalogSteps.code;
import static org.govhub.catalog.CatalogSteps.freshSubject;
import static org.govhub.catalog.CatalogSteps.item;
import static org.govhub.catalog.CatalogSteps.publicGet;
import static org.govhub.catalog.CatalogSteps.submit;
import static org.govhub.catalog.CatalogSteps.submitted;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.govhub.testing.HubTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Codes are parsed at the edge, allocated without collisions and never reused. */
@QuarkusTest
@HubTest
class ItemCodeTest {
    static final CatalogSteps.Actors actors = new CatalogSteps.Actors();

    private static io.restassured.response.ValidatableResponse allocate(String token, String subject, String type) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("subjectCode", subject, "type", type)).post(ITEMS + "/codes").then();
    }

    @Test
    void allocatesTheNextUnusedSequenceOfSubjectAndType() {
        String subject = freshSubject();

        allocate(actors.editor(), subject, "CF").statusCode(201)
                .body("code", equalTo(subject + "-CF-0001")).body("sequence", equalTo(1)).body("type", equalTo("CF"));
        allocate(actors.editor(), subject, "CF").statusCode(201).body("code", equalTo(subject + "-CF-0002"));
        allocate(actors.editor(), subject, "XK").statusCode(201).body("code", equalTo(subject + "-XK-0001"));
    }

    @Test
    void allocationContinuesAfterTheHighestCodeEverSubmitted() {
        String subject = freshSubject();
        submitted(actors.editor(), add(item(code(subject, "QZ", 41))));

        allocate(actors.editor(), subject, "QZ").statusCode(201).body("code", equalTo(code(subject, "QZ", 42)));
    }

    @Test
    void allocatedCodeIsUsedOnceForAnAdd() {
        String code = allocate(actors.editor(), freshSubject(), "XK").statusCode(201).extract().path("code");

        long changeId = submitted(actors.editor(), add(item(code)));
        approve(actors.reviewer(), changeId).statusCode(200);
        submit(actors.editor(), add(item(code))).statusCode(409);
        publicGet(ITEMS + "/" + code).statusCode(200);
    }

    @Test
    void allocatedButUnusedCodeIsNotHandedOutAgain() {
        String subject = freshSubject();
        allocate(actors.editor(), subject, "JL").statusCode(201).body("sequence", equalTo(1));

        allocate(actors.secondEditor(), subject, "JL").statusCode(201).body("sequence", equalTo(2));
    }

    @Test
    void concurrentAllocationsNeverGetTheSameCode() throws Exception {
        String subject = freshSubject();
        String token = actors.editor();
        int parallel = 16;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                Callable<String> call = () -> {
                    start.await();
                    return allocate(token, subject, "CF").statusCode(201).extract().path("code");
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            Set<String> codes = new HashSet<>();
            for (Future<String> result : results) {
                codes.add(result.get(120, TimeUnit.SECONDS));
            }
            assertEquals(parallel, codes.size(), "duplicate codes: " + codes);
            for (int sequence = 1; sequence <= parallel; sequence++) {
                assertEquals(true, codes.contains(code(subject, "CF", sequence)), codes.toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void allocationOutsideTheRegionIsForbidden() {
        allocate(actors.editor(), freshSubject("33070200"), "XK").statusCode(403).contentType("application/problem+json");
    }

    @Test
    void allocationNeedsTheEditorRole() {
        allocate(actors.reviewer(), freshSubject(), "XK").statusCode(403);
    }

    @Test
    void allocationNamesAMalformedSubjectCode() {
        allocate(actors.editor(), "3303030AJ", "XK").statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("subjectCode"))
                .body("errors[0].message", equalTo("subject code \"3303030AJ\" has 9 characters but needs 10"
                        + " (8 region digits + 2 department letters)"));
    }

    @Test
    void allocationNamesAnUnknownType() {
        allocate(actors.editor(), freshSubject(), "XX").statusCode(400)
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", equalTo("type code XX is not one of XK, SP, CF, QZ, ZS, GF, JL, QR, ZY, CJ, JG, DL, FW, QT"));
    }

    @Test
    void theSeedsOwnExamplesAreAcceptedAsCodes() {
        publicGet(ITEMS + "/33030300AJ-CF-0003").statusCode(404);
        publicGet(ITEMS + "/33030300GS-DL-0001").statusCode(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "33030300AJCF0003|power item code \"33030300AJCF0003\" has 0 hyphens but needs exactly 2",
            "33030300AJ-CF-0003-1|has 3 hyphens but needs exactly 2",
            "3303030AJ-CF-0003|subject code \"3303030AJ\" has 9 characters but needs 10",
            "330303000AJ-CF-0003|subject code \"330303000AJ\" has 11 characters but needs 10",
            "3303A300AJ-CF-0003|region part 3303A300 of subject code 3303A300AJ must be 8 digits",
            "33030300A1-CF-0003|department code A1 of subject code 33030300A1 must be 2 capital letters A-Z",
            "33030300aj-CF-0003|lower case is not accepted",
            "33030300AJ-XX-0003|type code XX is not one of XK, SP, CF, QZ, ZS, GF, JL, QR, ZY, CJ, JG, DL, FW, QT",
            "33030300AJ-cf-0003|type code cf is not one of",
            "33030300AJ-CF-003|sequence \"003\" must be exactly 4 digits, zero-padded (e.g. 0003)",
            "33030300AJ-CF-00O3|sequence \"00O3\" must be exactly 4 digits",
            "33030300AJ-CF-0000|sequence 0000 is not allowed; sequences start at 0001",
            "33030300AJ-CF-000３|contains non-ASCII character '３' (U+FF13) at position 18"})
    void malformedCodeInThePathIsA400NamingWhatIsWrong(String code, String message) {
        publicGet(ITEMS + "/" + code).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString(message));
    }

    @Test
    void malformedCodeInABodyNamesItsPath() {
        Map<String, Object> item = item(code(freshSubject(), "XK", 1));
        item.put("code", "33030300AJ-XK-1");

        submit(actors.editor(), add(item)).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("items[0].code"))
                .body("errors[0].message", equalTo("sequence \"1\" must be exactly 4 digits, zero-padded (e.g. 0003)"));
    }
}
