package org.govhub.supervision;

import static org.govhub.supervision.SupervisionFixtures.count;
import static org.govhub.supervision.SupervisionFixtures.freshCounty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.govhub.common.InvalidValueException;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.Test;

/** The Java API other capabilities raise alerts through: idempotent, transactional, rule-aware. */
@QuarkusTest
@HubTest
class SupervisionAlertsTest {
    @Inject
    SupervisionAlerts alerts;
    @Inject
    AgroalDataSource db;

    @Test
    void raisingTheSameConditionAgainKeepsOneAlert() {
        String county = freshCounty();
        AlertKey key = AlertKey.of("ferry-bundle", "cases-000000000042@" + county);

        RaisedAlert first = alerts.raise(key, AlertLevel.RED, county, null, AlertRule.FERRY_QUARANTINE, "manifest signature");
        RaisedAlert second = alerts.raise(key, AlertLevel.RED, county, null, AlertRule.FERRY_QUARANTINE, "again");

        assertEquals(RaisedAlert.Outcome.RAISED, first.outcome());
        assertEquals(RaisedAlert.Outcome.ALREADY_RAISED, second.outcome());
        assertEquals(first.alertId(), second.alertId());
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE region_code = ?", county));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert_step WHERE alert_id = ?", first.alertId()));
    }

    @Test
    void yellowAndRedOfOneSubjectAreTwoAlerts() {
        String county = freshCounty();
        AlertKey key = AlertKey.ofCase("SUP-" + county + "-1");

        long yellow = alerts.raise(key, AlertLevel.YELLOW, county, county + "00AJ", AlertRule.DEADLINE, "80 %").alertId();
        long red = alerts.raise(key, AlertLevel.RED, county, county + "00AJ", AlertRule.DEADLINE, "exceeded").alertId();

        assertNotEquals(yellow, red);
        assertEquals(2, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE case_no = ?", key.subjectId()));
    }

    @Test
    void raisedAlertIsOpenWithARaisedStepByTheNode() {
        String county = freshCounty();
        long id = alerts.raise(AlertKey.of("report-source", "p-" + county), AlertLevel.YELLOW, county, null,
                AlertRule.FRESHNESS, "silent for 25 h").alertId();

        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE id = ? AND status = 'open'"
                + " AND rule_scope = '' AND rule_version = 1", id));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert_step WHERE alert_id = ? AND action = 'raised'"
                + " AND actor = 'node:govhub-test'", id));
    }

    @Test
    void alertRollsBackWithTheCallersTransaction() {
        String county = freshCounty();

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            alerts.raise(AlertKey.of("ferry-bundle", "b-" + county), AlertLevel.RED, county, null,
                    AlertRule.FERRY_QUARANTINE, "truncated file");
            throw new IllegalStateException("the quarantine move failed");
        }));

        assertEquals(0, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE region_code = ?", county));
    }

    @Test
    void concurrentRaisesOfOneConditionStoreOneAlert() throws Exception {
        String county = freshCounty();
        AlertKey key = AlertKey.of("ferry-lane", "cases@" + county);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<RaisedAlert>> raises = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                raises.add(() -> alerts.raise(key, AlertLevel.YELLOW, county, null, AlertRule.FERRY_SEQUENCE_GAP,
                        "sequence 7 missing"));
            }
            long raised = 0;
            for (Future<RaisedAlert> result : pool.invokeAll(raises)) {
                raised += result.get().isNew() ? 1 : 0;
            }
            assertEquals(1, raised);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count(db, "SELECT COUNT(*) FROM supervision_alert WHERE region_code = ?", county));
    }

    @Test
    void malformedRegionIsRefused() {
        assertThrows(InvalidValueException.class, () -> alerts.raise(AlertKey.of("ferry-bundle", "x"), AlertLevel.RED,
                "33", null, AlertRule.FERRY_QUARANTINE, "detail"));
    }

    @Test
    void overlongDetailIsCutNotRefused() {
        String county = freshCounty();
        long id = alerts.raise(AlertKey.of("ferry-bundle", "long-" + county), AlertLevel.RED, county, null,
                AlertRule.FERRY_QUARANTINE, "原因".repeat(1500)).alertId();

        assertEquals(2000, count(db, "SELECT LENGTH(detail) FROM supervision_alert WHERE id = ?", id));
    }
}
