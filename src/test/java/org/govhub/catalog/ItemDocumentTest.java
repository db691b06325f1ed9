package org.govhub.catalog;

import static io.restassured.RestAssured.given;
import static org.govhub.catalog.CatalogSteps.ITEMS;
import static org.govhub.catalog.CatalogSteps.add;
import static org.govhub.catalog.CatalogSteps.basis;
import static org.govhub.catalog.CatalogSteps.code;
import static org.govhub.catalog.CatalogSteps.count;
import static org.govhub.catalog.CatalogSteps.freshSubject;
import static org.govhub.catalog.CatalogSteps.item;
import static org.govhub.catalog.CatalogSteps.limit;
import static org.govhub.catalog.CatalogSteps.publicGet;
import static org.govhub.catalog.CatalogSteps.published;
import static org.govhub.catalog.CatalogSteps.submit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an item must carry, by type; a bad document is a 400 naming each field and writes nothing. */
@QuarkusTest
@HubTest
class ItemDocumentTest {
    static final CatalogSteps.Actors actors = new CatalogSteps.Actors();

    @Inject
    AgroalDataSource db;

    private io.restassured.response.ValidatableResponse refused(Map<String, Object> item) {
        long changesBefore = count(db, "select count(*) from catalog_change");
        io.restassured.response.ValidatableResponse response = submit(actors.editor(), add(item))
                .statusCode(400).contentType("application/problem+json").body("type", equalTo("urn:govhub:problem:validation"));
        assertEquals(0, count(db, "select count(*) from catalog_item where code = ?", item.get("code")), "item row written");
        assertEquals(changesBefore, count(db, "select count(*) from catalog_change"), "change request written");
        return response;
    }

    @ParameterizedTest
    @ValueSource(strings = {"XK", "SP", "CF", "QZ", "ZS", "GF", "JL", "QR", "ZY", "CJ", "JG", "DL", "FW", "QT"})
    void everyTypeCanBeAddedAndPublished(String type) {
        String code = published(actors, item(code(freshSubject(), type, 1)));

        publicGet(ITEMS + "/" + code).statusCode(200).body("item.code", equalTo(code)).body("status", equalTo("effective"));
    }

    @Test
    void itemWithoutLegalBasisIsNotAdmitted() {
        Map<String, Object> item = item(code(freshSubject(), "XK", 1));
        item.put("legalBasis", List.of());

        refused(item).body("errors[0].field", equalTo("items[0].legalBasis"))
                .body("errors[0].message", containsString("an item without legal basis is not admitted"));
    }

    @Test
    void legalBasisIsListedHighestRankFirst() {
        Map<String, Object> item = item(code(freshSubject(), "QZ", 1));
        item.put("legalBasis", List.of(basis("local-regulation", "浙江省安全生产条例", "第三十条"),
                basis("law", "中华人民共和国安全生产法", "第九十四条")));

        refused(item).body("errors[0].field", equalTo("items[0].legalBasis[1].rank"))
                .body("errors[0].message", equalTo("law outranks items[0].legalBasis[0] (local-regulation); list the legal basis highest rank first"));
    }

    @Test
    void departmentRuleMayFollowAnEquallyRankedLocalGovernmentRule() {
        Map<String, Object> item = item(code(freshSubject(), "QZ", 1));
        item.put("legalBasis", List.of(basis("local-government-rule", "浙江省安全生产违法行为行政处罚办法", "第五条"),
                basis("department-rule", "安全生产违法行为行政处罚办法", "第四十五条")));

        submit(actors.editor(), add(item)).statusCode(201);
    }

    @Test
    void everyFailingFieldIsNamedInOneAnswer() {
        Map<String, Object> item = item(code(freshSubject(), "XK", 1));
        item.remove("name");
        item.remove("subject");
        item.remove("materials");
        item.put("statutoryTimeLimit", limit(20, "weeks"));

        submit(actors.editor(), add(item)).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("items[0].statutoryTimeLimit.unit"))
                .body("errors[0].message", containsString("working-days, calendar-days"));

        item.put("statutoryTimeLimit", limit(20, "working-days"));
        refused(item).body("errors.field", hasItems("items[0].name", "items[0].subject", "items[0].materials"));
    }

    @Test
    void approvalItemStatesItsTimeLimitsMaterialsConditionsAndFees() {
        Map<String, Object> item = item(code(freshSubject(), "SP", 1));
        item.remove("statutoryTimeLimit");
        item.remove("promisedTimeLimit");
        item.remove("acceptanceConditions");
        item.remove("fees");

        refused(item).body("errors.field", hasItems("items[0].statutoryTimeLimit", "items[0].promisedTimeLimit",
                "items[0].acceptanceConditions", "items[0].fees"));
    }

    @Test
    void promisedLimitMayNotExceedTheStatutoryOneInTheSameUnit() {
        Map<String, Object> item = item(code(freshSubject(), "XK", 1));
        item.put("promisedTimeLimit", limit(25, "working-days"));

        refused(item).body("errors[0].field", equalTo("items[0].promisedTimeLimit"))
                .body("errors[0].message", equalTo("promised 25 working-days exceeds the statutory 20 working-days"));
    }

    @Test
    void chargedItemStatesItsStandardAndBasis() {
        Map<String, Object> item = item(code(freshSubject(), "XK", 1));
        item.put("fees", Map.of("charged", true));

        refused(item).body("errors.field", hasItems("items[0].fees.standard", "items[0].fees.basis"));
    }

    @Test
    void entrustedSubjectNamesItsEntrustingOrgan() {
        Map<String, Object> item = item(code(freshSubject(), "QZ", 1));
        item.put("subject", Map.of("name", "龙湾区综合行政执法队", "nature", "entrusted-organisation"));

        refused(item).body("errors[0].field", equalTo("items[0].subject.entrustingOrgan"));
    }

    @Test
    void penaltyItemNeedsADiscretionBaseline() {
        Map<String, Object> item = item(code(freshSubject(), "CF", 1));
        item.remove("discretionBaseline");

        refused(item).body("errors[0].field", equalTo("items[0].discretionBaseline"))
                .body("errors[0].message", containsString("machine-readable discretion baseline"));
    }

    @Test
    void everyPenaltyKindHasARuleInTheBaseline() {
        Map<String, Object> item = item(code(freshSubject(), "CF", 1));
        item.put("penaltyKinds", List.of("warning", "fine", "suspension"));

        refused(item).body("errors[0].message", equalTo("penalty kind suspension has no rule in the discretion baseline"));
    }

    @Test
    void fineRuleStatesItsRangeAndTheMaximumIsNotBelowTheMinimum() {
        Map<String, Object> item = item(code(freshSubject(), "CF", 1));
        item.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning"),
                Map.of("penaltyKind", "fine", "minYuan", 5000, "maxYuan", 1000)));

        refused(item).body("errors[0].field", equalTo("items[0].discretionBaseline[1].maxYuan"))
                .body("errors[0].message", equalTo("maximum 1000 yuan is below the minimum 5000 yuan"));
        item.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning"), Map.of("penaltyKind", "fine")));
        refused(item).body("errors.field", hasItems("items[0].discretionBaseline[1].minYuan", "items[0].discretionBaseline[1].maxYuan"));
    }

    @Test
    void amountsAreYuanWithAtMostTwoDecimals() {
        Map<String, Object> item = item(code(freshSubject(), "CF", 1));
        item.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning"),
                Map.of("penaltyKind", "fine", "minYuan", -1, "maxYuan", new java.math.BigDecimal("100.005"))));

        refused(item).body("errors.field", hasItems("items[0].discretionBaseline[1].minYuan", "items[0].discretionBaseline[1].maxYuan"));
    }

    @Test
    void warningCarriesNoAmount() {
        Map<String, Object> item = item(code(freshSubject(), "CF", 1));
        item.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning", "maxYuan", 100),
                Map.of("penaltyKind", "fine", "minYuan", 0, "maxYuan", 100)));

        refused(item).body("errors[0].message", containsString("penalty kind warning carries no amount"));
    }

    @Test
    void unknownPenaltyKindIsNamed() {
        Map<String, Object> item = item(code(freshSubject(), "CF", 1));
        item.put("penaltyKinds", List.of("warning", "fine", "flogging"));

        refused(item).body("errors.field", hasItem("items[0].penaltyKinds[2]"))
                .body("errors.message", hasItem(containsString("penalty kind \"flogging\" is not one of warning,")));
    }

    @Test
    void penaltyFieldsBelongToPenaltyItemsOnly() {
        Map<String, Object> item = item(code(freshSubject(), "XK", 1));
        item.put("penaltyKinds", List.of("warning"));
        item.put("discretionBaseline", List.of(Map.of("penaltyKind", "warning")));

        refused(item).body("errors.field", hasItems("items[0].penaltyKinds", "items[0].discretionBaseline"))
                .body("errors.message", hasItem("only CF (行政处罚) items carry penalty kinds, not XK (行政许可)"));
    }

    @Test
    void rewardItemStatesItsEffectiveDateAndExpiresAfterIt() {
        Map<String, Object> item = item(code(freshSubject(), "JL", 1));
        item.put("expiryDate", "2015-12-31");

        refused(item).body("errors[0].field", equalTo("items[0].expiryDate"));
        item.remove("expiryDate");
        item.remove("effectiveDate");
        refused(item).body("errors[0].field", equalTo("items[0].effectiveDate"));
    }

    @Test
    void rewardDatesBelongToRewardItemsOnly() {
        Map<String, Object> item = item(code(freshSubject(), "QR", 1));
        item.put("effectiveDate", "2016-01-01");
        item.put("resultsPublished", true);

        refused(item).body("errors.field", hasItems("items[0].effectiveDate", "items[0].resultsPublished"));
    }

    @Test
    void otherTypesCarryAnExtensionsMap() {
        Map<String, Object> item = item(code(freshSubject(), "FW", 1));
        item.put("extensions", Map.of("serviceWindow", "龙湾区行政服务中心3号窗口", "appointment", "可网上预约"));
        String code = published(actors, item);

        publicGet(ITEMS + "/" + code).statusCode(200).body("item.extensions.serviceWindow", equalTo("龙湾区行政服务中心3号窗口"));
    }

    @Test
    void extensionKeysAreChecked() {
        Map<String, Object> item = item(code(freshSubject(), "FW", 1));
        item.put("extensions", Map.of("Bad Key", "x"));

        refused(item).body("errors[0].field", equalTo("items[0].extensions.Bad Key"));
    }

    @Test
    void attachmentsAreHttpLinks() {
        Map<String, Object> item = item(code(freshSubject(), "XK", 1));
        item.put("processChart", Map.of("title", "流程图", "url", "file:///etc/passwd"));

        refused(item).body("errors[0].field", equalTo("items[0].processChart.url"));
    }

    @Test
    void wrongJsonTypeIsA400NamingTheField() {
        Map<String, Object> item = item(code(freshSubject(), "XK", 1));
        item.put("promisedTimeLimit", Map.of("value", "ten", "unit", "working-days"));

        submit(actors.editor(), add(item)).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("items[0].promisedTimeLimit.value"));
    }

    @Test
    void malformedJsonIsA400() {
        given().auth().oauth2(actors.editor()).contentType(ContentType.JSON).body("{\"kind\":\"add\",\"items\":[{")
                .post(ITEMS + "/changes").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void nullItemIsNamed() {
        Map<String, Object> body = new LinkedHashMap<>(add(item(code(freshSubject(), "XK", 1))));
        List<Object> items = new ArrayList<>((List<?>) body.get("items"));
        items.add(null);
        body.put("items", items);

        submit(actors.editor(), body).statusCode(400).body("errors[0].field", equalTo("items[1]"));
    }
}
