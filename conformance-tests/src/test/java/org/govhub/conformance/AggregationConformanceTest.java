package org.govhub.conformance;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

/** Tier-by-tier aggregation as a newcomer's node shows it: no upstream, no downstreams, freshness on demand. */
class AggregationConformanceTest {

    @Test
    void aNodeWithoutLinksReportsAnEmptyOutboxAndNoDownstreams() {
        Hub.asAdmin().get("/api/v1/aggregation/status").then().statusCode(200)
                .body("upstream.pending", equalTo(0))
                .body("downstreams.size()", equalTo(0))
                .body("nodeId", notNullValue());
    }

    @Test
    void freshnessListsSourcesWithThe24HourPeriod() {
        Hub.asAdmin().get("/api/v1/supervision/freshness").then().statusCode(200)
                .body("period", equalTo("PT24H"))
                .body("checkedAt", notNullValue())
                .body("sources", notNullValue());
    }

    @Test
    void freshnessIsRefusedToPlatformsAndAnonymousCallers() {
        Hub.anonymous().get("/api/v1/supervision/freshness").then().statusCode(401);
        Hub.anonymous().auth().oauth2(Hub.registeredToken("platform")).get("/api/v1/supervision/freshness")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
