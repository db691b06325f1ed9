package org.govhub.aggregation;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * The hub as its own upstream and downstreams ({@link AggregationTestResource}). One profile for every
 * aggregation test class, so they share one application start instead of one each.
 */
public class AggregationProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AggregationTestResource.class));
    }
}
