package org.govhub.catalog;

import static io.restassured.RestAssured.given;
import static org.govhub.catalog.CatalogSteps.approve;
import static org.govhub.catalog.CatalogSteps.basis;
import static org.govhub.catalog.CatalogSteps.count;
import static org.govhub.catalog.CatalogSteps.freshSubject;
import static org.govhub.catalog.CatalogSteps.publicGet;
import static org.govhub.catalog.CatalogSteps.reject;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** The responsibility list and the special-fund list follow the same review-before-publish rule. */
@QuarkusTest
@HubTest
class ThreeListsTest {
    static final CatalogSteps.Actors actors = new CatalogSteps.Actors();
    static final String DUTIES = "/api/v1/responsibilities";
    static final String FUNDS = "/api/v1/special-funds";

    @Inject
    AgroalDataSource db;

    private static Map<String, Object> duty(String subject, String text) {
        Map<String, Object> duty = new LinkedHashMap<>();
        duty.put("subjectCode", subject);
        duty.put("duty", text);
        duty.put("basis", List.of(basis("law", "中华人民共和国安全生产法", "第九条")));
        duty.put("accountabilityCases", List.of("对发现的重大事故隐患不依法及时处理的", "违法批准不符合安全生产条件的企业的"));
        duty.put("relatedItems", List.of(subject + "-CF-0001"));
        return duty;
    }

    private static Map<String, Object> fund(String subject, String project, Object budget, int year) {
        Map<String, Object> fund = new LinkedHashMap<>();
        fund.put("subjectCode", subject);
        fund.put("project", project);
        fund.put("category", "department-budget");
        fund.put("budgetYuan", budget);
        fund.put("year", year);
        fund.put("purpose", "安全生产监管执法能力建设");
        return fund;
    }

    private static Map<String, Object> request(String kind, Long id, String field, Map<String, Object> entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("reason", "test: " + kind);
        body.put("id", id);
        body.put(field, entry);
        return body;
    }

    private static ValidatableResponse submit(String path, String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path + "/changes").then();
    }

    /** Submits and approves; returns the entry id. */
    private static long publish(String path, String field, Map<String, Object> entry) {
        ValidatableResponse submitted = submit(path, actors.editor(), request("add", null, field, entry)).statusCode(201);
        long changeId = submitted.extract().jsonPath().getLong("id");
        approve(actors.reviewer(), changeId).statusCode(200);
        return Long.parseLong(submitted.extract().jsonPath().getString("targets[0]"));
    }

    @Test
    void responsibilityIsInvisibleUntilAnotherClientApprovesIt() {
        String subject = freshSubject();
        ValidatableResponse submitted = submit(DUTIES, actors.editorAndReviewer(),
                request("add", null, "responsibility", duty(subject, "负责全区安全生产综合监督管理"))).statusCode(201)
                .body("record", equalTo("responsibility")).body("status", equalTo("pending"));
        long changeId = submitted.extract().jsonPath().getLong("id");
        String id = submitted.extract().jsonPath().getString("targets[0]");

        publicGet(DUTIES + "/" + id).statusCode(404);
        publicGet(DUTIES + "?department=" + subject.substring(8)).statusCode(200).body("items", empty());
        approve(actors.editorAndReviewer(), changeId).statusCode(403);
        approve(actors.reviewer(), changeId).statusCode(200);

        publicGet(DUTIES + "/" + id).statusCode(200).body("status", equalTo("effective"))
                .body("entry.duty", equalTo("负责全区安全生产综合监督管理"))
                .body("entry.accountabilityCases", hasItem("对发现的重大事故隐患不依法及时处理的"));
        given().queryParam("q", "综合监督").queryParam("department", subject.substring(8)).get(DUTIES)
                .then().statusCode(200).body("items.id", contains(Integer.parseInt(id)));
    }

    @Test
    void responsibilityWithoutBasisIsNotAdmitted() {
        Map<String, Object> duty = duty(freshSubject(), "负责安全生产行政执法");
        duty.remove("basis");
        long before = count(db, "select count(*) from catalog_list_entry");

        submit(DUTIES, actors.editor(), request("add", null, "responsibility", duty)).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("responsibility.basis"));
        assertEquals(before, count(db, "select count(*) from catalog_list_entry"));
    }

    @Test
    void specialFundIsPublishedWithItsBudgetAfterApproval() {
        String subject = freshSubject();
        long id = publish(FUNDS, "fund", fund(subject, "安全生产专项资金", new BigDecimal("1250000.50"), 2016));

        publicGet(FUNDS + "/" + id).statusCode(200).body("entry.project", equalTo("安全生产专项资金"))
                .body("entry.budgetYuan", equalTo(1250000.50f)).body("entry.category", equalTo("department-budget"));
        given().queryParam("year", 2016).queryParam("department", subject.substring(8)).get(FUNDS)
                .then().statusCode(200).body("items.id", contains((int) id));
        given().queryParam("year", 2017).queryParam("department", subject.substring(8)).get(FUNDS)
                .then().statusCode(200).body("items", empty());
        assertEquals(1, count(db, "select count(*) from catalog_list_entry where id = ? and budget_yuan = 1250000.50", id));
    }

    @Test
    void fundAmountsAndYearsAreChecked() {
        Map<String, Object> fund = fund(freshSubject(), "专项", new BigDecimal("-1.001"), 1800);
        fund.remove("category");

        submit(FUNDS, actors.editor(), request("add", null, "fund", fund)).statusCode(400)
                .body("errors.field", hasItems("fund.budgetYuan", "fund.year", "fund.category"));
    }

    @Test
    void rejectedFundChangeKeepsTheEffectiveEntry() {
        long id = publish(FUNDS, "fund", fund(freshSubject(), "农业产业化专项", 300000, 2016));
        Map<String, Object> raised = fund((String) publicGet(FUNDS + "/" + id).extract().path("entry.subjectCode"),
                "农业产业化专项", 900000, 2016);
        long changeId = submit(FUNDS, actors.editor(), request("change", id, "fund", raised)).statusCode(201)
                .extract().jsonPath().getLong("id");

        reject(actors.reviewer(), changeId, "预算未经人代会批准").statusCode(200);

        publicGet(FUNDS + "/" + id).statusCode(200).body("version", equalTo(1)).body("entry.budgetYuan", equalTo(300000));
    }

    @Test
    void approvedChangeAndCancelOfAResponsibility() {
        String subject = freshSubject();
        long id = publish(DUTIES, "responsibility", duty(subject, "旧职责"));
        long changed = submit(DUTIES, actors.editor(), request("change", id, "responsibility", duty(subject, "新职责")))
                .statusCode(201).extract().jsonPath().getLong("id");
        approve(actors.reviewer(), changed).statusCode(200);
        publicGet(DUTIES + "/" + id).statusCode(200).body("version", equalTo(2)).body("entry.duty", equalTo("新职责"));

        long cancelled = submit(DUTIES, actors.editor(), request("cancel", id, "responsibility", null)).statusCode(201)
                .extract().jsonPath().getLong("id");
        approve(actors.reviewer(), cancelled).statusCode(200);

        publicGet(DUTIES + "/" + id).statusCode(200).body("status", equalTo("retired"));
        publicGet(DUTIES + "?department=" + subject.substring(8)).statusCode(200).body("items", empty());
    }

    @Test
    void entryKeepsItsDepartment() {
        long id = publish(DUTIES, "responsibility", duty(freshSubject(), "职责"));

        submit(DUTIES, actors.editor(), request("change", id, "responsibility", duty(freshSubject(), "职责"))).statusCode(400)
                .body("errors[0].field", equalTo("responsibility.subjectCode"));
    }

    @Test
    void listEntriesOutsideTheRegionAreForbiddenToWriteAndHiddenWhileProposed() {
        submit(FUNDS, actors.editor(), request("add", null, "fund", fund(freshSubject("33070200"), "专项", 1, 2016)))
                .statusCode(403);
        String id = submit(FUNDS, actors.editor(), request("add", null, "fund", fund(freshSubject(), "专项", 1, 2016)))
                .statusCode(201).extract().jsonPath().getString("targets[0]");

        given().auth().oauth2(actors.outsideEditor()).get(FUNDS + "/" + id).then().statusCode(404);
        given().auth().oauth2(actors.reviewer()).get(FUNDS + "/" + id).then().statusCode(200)
                .body("status", equalTo("proposed")).body("entry.project", equalTo("专项"));
    }

    @Test
    void listsTakeOnlyAddChangeAndCancel() {
        submit(DUTIES, actors.editor(), request("split", 1L, "responsibility", duty(freshSubject(), "x"))).statusCode(400)
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", containsString("applies to power items only"));
    }

    @Test
    void aFundIdIsNotAResponsibility() {
        long id = publish(FUNDS, "fund", fund(freshSubject(), "专项", 10, 2016));

        publicGet(DUTIES + "/" + id).statusCode(404);
        publicGet(FUNDS + "/" + id).statusCode(200).body("pendingChangeId", nullValue());
    }
}
