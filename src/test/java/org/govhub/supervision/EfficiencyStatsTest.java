package org.govhub.supervision;

import static io.restassured.RestAssured.given;
import static org.govhub.supervision.SupervisionFixtures.freshCounty;
import static org.govhub.supervision.SupervisionFixtures.supervisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.govhub.common.HubClock;
import org.govhub.supervision.CaseTiming.TimedStep;
import org.govhub.supervision.WorkingDayCalendar.Interval;
import org.govhub.testing.HubTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Efficiency statistics computed by SQL match a brute-force computation in Java over a small generated
 * set of cases: counts, on time, overdue, average and 90th percentile in working days, correction rate.
 */
@QuarkusTest
@HubTest
class EfficiencyStatsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String[] STAGES = {"受理", "审查", "决定"};
    private static final String[] POSTS = {"窗口", "科员", "科长", "局长"};

    @Inject
    CaseFeedFollower follower;
    @Inject
    WorkingDayCalendar calendar;
    @Inject
    HubClock clock;

    @BeforeEach
    void clientsRegisteredAtRealTime() {
        SupervisionFixtures.registerClients();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A generated case: what was pushed, and what the brute force needs to know about it. */
    record Generated(CaseSnapshot snapshot, String department, double promised, List<Interval> pauses) {
    }

    private static Instant at(String shanghai) {
        return LocalDateTime.parse(shanghai).atZone(SHANGHAI).toInstant();
    }

    /** Cases accepted over February to April 2026, some suspended, some corrected, most finished. */
    private List<Generated> generate(String county, int count, long seed) {
        Random random = new Random(seed);
        List<Generated> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String department = county + "00" + new String[] {"AJ", "GS", "CZ"}[random.nextInt(3)];
            String item = department + "-XK-000" + (1 + random.nextInt(2));
            Instant accepted = at("2026-02-01T08:00").plusSeconds(random.nextInt(89 * 24 * 3600));
            int promised = 3 + random.nextInt(8);
            List<TimedStep> steps = new ArrayList<>();
            List<Interval> pauses = new ArrayList<>();
            Instant cursor = accepted;
            for (int s = 0; s < STAGES.length; s++) {
                String post = POSTS[random.nextInt(POSTS.length)];
                if (random.nextInt(5) == 0) {
                    String action = random.nextBoolean() ? "correct" : "suspend";
                    Instant pauseEnd = cursor.plusSeconds(3600 + random.nextInt(4 * 24 * 3600));
                    steps.add(new TimedStep(STAGES[s], action, post, cursor, cursor.plusSeconds(600)));
                    steps.add(new TimedStep(STAGES[s], "resume", post, pauseEnd, pauseEnd.plusSeconds(60)));
                    pauses.add(new Interval(cursor, pauseEnd));
                    cursor = pauseEnd.plusSeconds(60);
                }
                Instant end = cursor.plusSeconds(600 + random.nextInt(5 * 24 * 3600));
                boolean open = s == STAGES.length - 1 && random.nextInt(6) == 0;
                steps.add(new TimedStep(STAGES[s], s == 0 ? "accept" : "review", post, cursor, open ? null : end));
                cursor = end;
            }
            boolean finished = steps.get(steps.size() - 1).endedAt() != null;
            CaseSnapshot snapshot = new CaseSnapshot(county + "-S" + seed + "-" + i, 1, item, county,
                    finished ? "finished" : "handling", accepted, finished ? cursor : null, promised, null, steps);
            cases.add(new Generated(snapshot, department, promised, pauses));
        }
        return cases;
    }

    /** percentile_cont: linear interpolation between the closest ranks. */
    private static Double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        double position = p * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted.get(lower) + (sorted.get(upper) - sorted.get(lower)) * (position - lower);
    }

    private static Double average(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The expected group for a list of units: [finished?, onTime?, overdue?, working days or null, corrected?]. */
    record Unit(boolean finished, boolean onTime, boolean overdue, Double workingDays, boolean corrected) {
    }

    private static EfficiencyStats.Group expected(String key, List<Unit> units) {
        List<Double> days = units.stream().map(Unit::workingDays).filter(d -> d != null).toList();
        return new EfficiencyStats.Group(key, units.size(), units.stream().filter(Unit::finished).count(),
                units.stream().filter(Unit::onTime).count(), units.stream().filter(Unit::overdue).count(),
                average(days), percentile(days, 0.9),
                (double) units.stream().filter(Unit::corrected).count() / units.size());
    }

    private Unit caseUnit(Generated g, Instant now) {
        CaseSnapshot c = g.snapshot();
        boolean finished = c.finishedAt() != null;
        double used = calendar.workingDaysBetween(c.acceptedAt(), finished ? c.finishedAt() : now, g.pauses());
        boolean late = used > g.promised() + 1e-9;
        boolean corrected = c.steps().stream().anyMatch(s -> s.action().equals("correct"));
        return new Unit(finished, finished && !late, late, finished ? used : null, corrected);
    }

    private Map<String, List<Unit>> partUnits(List<Generated> cases, Instant now, Function<TimedStep, String> key) {
        Map<String, List<Unit>> units = new TreeMap<>();
        for (Generated g : cases) {
            Unit whole = caseUnit(g, now);
            Map<String, List<TimedStep>> byName = new TreeMap<>();
            for (TimedStep step : g.snapshot().steps()) {
                byName.computeIfAbsent(key.apply(step), k -> new ArrayList<>()).add(step);
            }
            byName.forEach((name, steps) -> {
                List<TimedStep> ended = steps.stream().filter(s -> s.endedAt() != null).toList();
                Double days = ended.isEmpty() ? null : ended.stream()
                        .mapToDouble(s -> calendar.workingDaysBetween(s.startedAt(), s.endedAt(), g.pauses())).sum();
                boolean corrected = steps.stream().anyMatch(s -> s.action().equals("correct"));
                units.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(new Unit(whole.finished(), whole.onTime(), whole.overdue(), days, corrected));
            });
        }
        return units;
    }

    private List<EfficiencyStats.Group> actual(String groupBy, String county, String from, String to) {
        JsonPath body = given().auth().oauth2(supervisor("33")).queryParam("groupBy", groupBy)
                .queryParam("region", county).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/supervision/stats").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        List<EfficiencyStats.Group> groups = new ArrayList<>();
        for (Map<String, Object> g : body.<Map<String, Object>>getList("groups")) {
            groups.add(new EfficiencyStats.Group((String) g.get("key"), ((Number) g.get("accepted")).longValue(),
                    ((Number) g.get("finished")).longValue(), ((Number) g.get("onTime")).longValue(),
                    ((Number) g.get("overdue")).longValue(), number(g.get("averageWorkingDays")),
                    number(g.get("p90WorkingDays")), ((Number) g.get("correctionRate")).doubleValue()));
        }
        return groups;
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static void assertSameGroups(List<EfficiencyStats.Group> expected, List<EfficiencyStats.Group> actual) {
        assertEquals(expected.stream().map(EfficiencyStats.Group::key).toList(),
                actual.stream().map(EfficiencyStats.Group::key).toList());
        for (int i = 0; i < expected.size(); i++) {
            EfficiencyStats.Group e = expected.get(i);
            EfficiencyStats.Group a = actual.get(i);
            String at = " of group " + e.key();
            assertEquals(e.accepted(), a.accepted(), "accepted" + at);
            assertEquals(e.finished(), a.finished(), "finished" + at);
            assertEquals(e.onTime(), a.onTime(), "onTime" + at);
            assertEquals(e.overdue(), a.overdue(), "overdue" + at);
            assertClose(e.averageWorkingDays(), a.averageWorkingDays(), "average" + at);
            assertClose(e.p90WorkingDays(), a.p90WorkingDays(), "p90" + at);
            assertEquals(e.correctionRate(), a.correctionRate(), 1e-9, "correctionRate" + at);
        }
    }

    private static void assertClose(Double expected, Double actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
        } else {
            assertNotNull(actual, what);
            assertEquals(expected, actual, 1e-6, what);
        }
    }

    /** Generated cases pushed by a platform through the case library and taken in from the change feed. */
    private List<Generated> pushed(String county, long seed, String now) {
        clock.pin(at(now));
        List<Generated> cases = generate(county, 80, seed);
        SupervisedCases.effectiveItems(cases.stream().map(g -> g.snapshot().itemCode()).distinct().sorted().toList());
        SupervisedCases.push(cases.stream().map(g -> SupervisedCases.record(g.snapshot())).toList());
        follower.catchUp();
        return cases;
    }

    private static <T> Map<String, List<Unit>> group(List<Generated> cases, Function<Generated, String> key,
            Function<Generated, Unit> unit) {
        Map<String, List<Unit>> groups = new TreeMap<>();
        cases.forEach(g -> groups.computeIfAbsent(key.apply(g), k -> new ArrayList<>()).add(unit.apply(g)));
        return groups;
    }

    @Test
    void departmentStatisticsMatchTheBruteForce() {
        String county = freshCounty();
        List<Generated> cases = pushed(county, 11, "2026-05-20T12:00");
        Instant now = clock.instant();

        List<EfficiencyStats.Group> expected = new ArrayList<>();
        group(cases, Generated::department, g -> caseUnit(g, now)).forEach((k, v) -> expected.add(expected(k, v)));

        assertSameGroups(expected, actual("department", county, null, null));
        assertTrue(expected.stream().anyMatch(g -> g.overdue() > 0), "the generated set should have overdue cases");
    }

    @Test
    void itemStatisticsWithinATimeWindowMatchTheBruteForce() {
        String county = freshCounty();
        List<Generated> cases = pushed(county, 12, "2026-05-20T12:00");
        Instant now = clock.instant();
        Instant from = at("2026-02-15T00:00");
        Instant to = at("2026-04-01T00:00");
        List<Generated> inWindow = cases.stream()
                .filter(g -> !g.snapshot().acceptedAt().isBefore(from) && g.snapshot().acceptedAt().isBefore(to)).toList();

        List<EfficiencyStats.Group> expected = new ArrayList<>();
        group(inWindow, g -> g.snapshot().itemCode(), g -> caseUnit(g, now)).forEach((k, v) -> expected.add(expected(k, v)));

        assertSameGroups(expected, actual("item", county, from.toString(), to.toString()));
    }

    @Test
    void stageStatisticsMatchTheBruteForce() {
        String county = freshCounty();
        List<Generated> cases = pushed(county, 13, "2026-05-20T12:00");

        List<EfficiencyStats.Group> expected = new ArrayList<>();
        partUnits(cases, clock.instant(), TimedStep::stage).forEach((k, v) -> expected.add(expected(k, v)));

        assertSameGroups(expected, actual("stage", county, null, null));
    }

    @Test
    void postStatisticsMatchTheBruteForce() {
        String county = freshCounty();
        List<Generated> cases = pushed(county, 14, "2026-05-20T12:00");

        List<EfficiencyStats.Group> expected = new ArrayList<>();
        partUnits(cases, clock.instant(), TimedStep::post).forEach((k, v) -> expected.add(expected(k, v)));

        assertSameGroups(expected, actual("post", county, null, null));
    }

    /**
     * A window whose edges cut through the 10-day buckets (so the edges are read from the rows), asked at a
     * time when some open cases are not yet due (so those buckets count their open cases one by one).
     */
    @Test
    void stageStatisticsWithinAWindowWhileSomeOpenCasesAreNotYetDueMatchTheBruteForce() {
        String county = freshCounty();
        List<Generated> cases = pushed(county, 15, "2026-05-20T12:00");
        clock.pin(at("2026-04-24T12:00"));
        Instant now = clock.instant();
        Instant from = at("2026-02-13T07:30");
        Instant to = at("2026-04-27T15:45");
        List<Generated> inWindow = cases.stream()
                .filter(g -> !g.snapshot().acceptedAt().isBefore(from) && g.snapshot().acceptedAt().isBefore(to)).toList();

        List<EfficiencyStats.Group> expected = new ArrayList<>();
        partUnits(inWindow, now, TimedStep::stage).forEach((k, v) -> expected.add(expected(k, v)));

        assertSameGroups(expected, actual("stage", county, from.toString(), to.toString()));
        assertTrue(inWindow.stream().anyMatch(g -> g.snapshot().finishedAt() == null && !caseUnit(g, now).overdue()),
                "the window should hold open cases not yet due");
    }

    @Test
    void postStatisticsWithinAWindowInsideOneBucketMatchTheBruteForce() {
        String county = freshCounty();
        List<Generated> cases = pushed(county, 16, "2026-05-20T12:00");
        Instant now = clock.instant();
        Instant from = at("2026-03-03T10:00");
        Instant to = at("2026-03-06T18:00");
        List<Generated> inWindow = cases.stream()
                .filter(g -> !g.snapshot().acceptedAt().isBefore(from) && g.snapshot().acceptedAt().isBefore(to)).toList();

        List<EfficiencyStats.Group> expected = new ArrayList<>();
        partUnits(inWindow, now, TimedStep::post).forEach((k, v) -> expected.add(expected(k, v)));

        assertSameGroups(expected, actual("post", county, from.toString(), to.toString()));
    }

    @Test
    void statisticsOutsideTheClientsRegionAreForbidden() {
        given().auth().oauth2(supervisor("3304")).queryParam("groupBy", "department").queryParam("region", "3303")
                .get("/api/v1/supervision/stats").then().statusCode(403);
    }

    @Test
    void malformedParametersAreRefusedNamingThem() {
        String token = supervisor("33");
        given().auth().oauth2(token).get("/api/v1/supervision/stats").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("groupBy"));
        given().auth().oauth2(token).queryParam("groupBy", "weekday").get("/api/v1/supervision/stats")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("groupBy"));
        given().auth().oauth2(token).queryParam("groupBy", "item").queryParam("from", "yesterday")
                .get("/api/v1/supervision/stats").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        given().auth().oauth2(token).queryParam("groupBy", "item").queryParam("from", "2026-03-01T00:00:00Z")
                .queryParam("to", "2026-02-01T00:00:00Z").get("/api/v1/supervision/stats").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
    }
}
