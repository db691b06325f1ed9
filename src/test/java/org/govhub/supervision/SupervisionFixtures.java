package org.govhub.supervision;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.govhub.testing.Clients;

/** Shared steps of the supervision tests: supervisors per region, fresh counties, rule changes, row counts. */
final class SupervisionFixtures {
    private static final AtomicInteger COUNTIES = new AtomicInteger();

    private SupervisionFixtures() {
    }

    /**
     * A county code no other test has used in this run (cities 3340 to 3349), so rule changes and alerts of
     * one test never meet another's.
     */
    static String freshCounty() {
        int n = COUNTIES.getAndIncrement();
        return String.format("33%02d%02d", 40 + n / 90, 1 + n % 90);
    }

    private static final AtomicInteger CITIES = new AtomicInteger();

    /** A city prefix of its own (3350 to 3399) for tests that change a city's rules. */
    static String freshCity() {
        return String.format("33%02d", 50 + CITIES.getAndIncrement());
    }

    /**
     * Registers (once) the clients the tests use while the hub clock still runs at real time, so no
     * registration, and no admin token, ever happens at a pinned instant; tokens are then issued at
     * whatever instant a test pins ({@link TestTokens}).
     */
    static void registerClients() {
        supervisor("33");
        supervisor("3304");
        SupervisedCases.platformToken();
        SupervisedCases.catalogueTokens();
    }

    /** A supervisor token for the region prefix, registered once per prefix. */
    static String supervisor(String regionPrefix) {
        return TestTokens.token("supervisor@" + regionPrefix, () -> Clients.register(regionPrefix, "supervisor"));
    }

    static void changeRules(String token, String scope, int yellowSharePercent, int correctionLimit, List<String> inactive) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("yellowSharePercent", yellowSharePercent, "correctionLimit", correctionLimit,
                        "inactiveRules", inactive))
                .put("/api/v1/supervision/rules/" + scope)
                .then().statusCode(200);
    }

    static long count(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
