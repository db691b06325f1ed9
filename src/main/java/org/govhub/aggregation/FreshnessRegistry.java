package org.govhub.aggregation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.govhub.access.ApiClient;
import org.govhub.access.Caller;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.HubClock;
import org.govhub.common.HubConfig;
import org.govhub.common.RegionPrefix;
import org.govhub.supervision.AlertKey;
import org.govhub.supervision.AlertLevel;
import org.govhub.supervision.AlertRule;
import org.govhub.supervision.SupervisionAlerts;
import org.jboss.logging.Logger;

/**
 * The 24-hour rule: every platform and downstream hub expected to report here, when each last did,
 * and which have been silent for longer than the freshness period. A push records a report for the
 * pushing client in the push's own transaction; a pull records one for the downstream hub whenever
 * its feed answers. Overdue sources raise an alert for supervision ({@link #raiseAlerts}).
 */
@ApplicationScoped
public class FreshnessRegistry {
    private static final Logger LOG = Logger.getLogger(FreshnessRegistry.class);

    private final AgroalDataSource dataSource;
    private final HubClock clock;
    private final HubConfig config;
    private final AuditLog audit;
    private final SupervisionAlerts supervision;

    public FreshnessRegistry(AgroalDataSource dataSource, HubClock clock, HubConfig config, AuditLog audit,
            SupervisionAlerts supervision) {
        this.supervision = supervision;
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.audit = audit;
    }

    /** Expected sources get a row at start, so their silence counts from the moment this node expects them. */
    void onStart(@Observes StartupEvent event) {
        try {
            expectConfiguredSources();
        } catch (RuntimeException raced) {
            // On a slow start the first pull tick (or a push) may have inserted the same source between our
            // look-up and our insert; this transaction rolled back, and a second pass finds the row.
            LOG.infof("expected sources raced with a first report (%s); registering them again", raced.toString());
            expectConfiguredSources();
        }
    }

    @Transactional
    void expectConfiguredSources() {
        Instant now = clock.instant();
        for (String platform : expectedPlatforms()) {
            ApiClient client = ApiClient.findById(platform);
            expect(SourceKind.PLATFORM, platform, client != null ? client.regionPrefix : nodePrefix(), now);
        }
        config.aggregation().downstreams().forEach((name, downstream) ->
                expect(SourceKind.DOWNSTREAM, name, downstream.regionPrefix(), now));
    }

    private void expect(SourceKind kind, String id, String regionPrefix, Instant now) {
        if (ReportingSource.findById(new ReportingSource.Key(kind, id)) == null) {
            ReportingSource source = new ReportingSource();
            source.key = new ReportingSource.Key(kind, id);
            source.regionPrefix = regionPrefix;
            source.firstSeenAt = now;
            source.persist();
        }
    }

    /**
     * Records that a source reported, inside the caller's transaction (the connection of the change
     * that carried the report). Clears the source's open alert when it was overdue.
     */
    public void reported(Connection c, SourceKind kind, String sourceId, String regionPrefix, Instant at) throws SQLException {
        boolean known;
        boolean wasOverdue = false;
        try (PreparedStatement s = c.prepareStatement("SELECT overdue_since FROM reporting_source WHERE kind = ?"
                + " AND source_id = ? FOR UPDATE")) {
            s.setString(1, kind.wireName());
            s.setString(2, sourceId);
            try (ResultSet rs = s.executeQuery()) {
                known = rs.next();
                if (known) {
                    wasOverdue = rs.getObject(1) != null;
                }
            }
        }
        OffsetDateTime time = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        String sql = known
                ? "UPDATE reporting_source SET region_prefix = ?, last_report_at = ?, overdue_since = NULL WHERE kind = ? AND source_id = ?"
                : "INSERT INTO reporting_source (region_prefix, last_report_at, kind, source_id, first_seen_at) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, regionPrefix);
            s.setObject(2, time);
            s.setString(3, kind.wireName());
            s.setString(4, sourceId);
            if (!known) {
                s.setObject(5, time);
            }
            s.executeUpdate();
        }
        if (wasOverdue) {
            try (PreparedStatement s = c.prepareStatement("UPDATE freshness_alert SET cleared_at = ? WHERE kind = ?"
                    + " AND source_id = ? AND cleared_at IS NULL")) {
                s.setObject(1, time);
                s.setString(2, kind.wireName());
                s.setString(3, sourceId);
                s.executeUpdate();
            }
        }
    }

    /** Records a report in a transaction of its own (a downstream feed that answered with nothing new). */
    @Transactional
    public void reported(SourceKind kind, String sourceId, String regionPrefix) {
        try (Connection c = dataSource.getConnection()) {
            reported(c, kind, sourceId, regionPrefix, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("recording a report of " + sourceId + " failed", e);
        }
    }

    /** Every source inside the caller's region, overdue ones first, with the time as the hub clock says. */
    @Transactional
    public FreshnessReport report(Caller caller) {
        Instant now = clock.instant();
        Duration period = config.aggregation().freshnessPeriod();
        Set<String> expectedPlatforms = new LinkedHashSet<>(expectedPlatforms());
        List<SourceFreshness> sources = new ArrayList<>();
        List<ReportingSource> all = ReportingSource.listAll();
        for (ReportingSource source : all) {
            if (!caller.covers(source.regionPrefix)) {
                continue;
            }
            boolean expected = source.kind() == SourceKind.DOWNSTREAM
                    ? config.aggregation().downstreams().containsKey(source.key.sourceId)
                    : expectedPlatforms.contains(source.key.sourceId);
            Duration silent = Duration.between(source.silentSince(), now);
            sources.add(new SourceFreshness(source.kind(), source.key.sourceId, source.regionPrefix, expected,
                    source.lastReportAt, source.silentSince(), Math.max(0, silent.toSeconds()), isOverdue(source, now, period)));
        }
        sources.sort(Comparator.comparing(SourceFreshness::overdue).reversed()
                .thenComparing(SourceFreshness::silentSince)
                .thenComparing(SourceFreshness::sourceId));
        int overdue = (int) sources.stream().filter(SourceFreshness::overdue).count();
        return new FreshnessReport(now, period.toString(), overdue, sources);
    }

    /**
     * Raises one alert for each source that has turned overdue since the last check (audited, logged,
     * kept in {@code freshness_alert}, and raised in supervision as a yellow {@code freshness} alert keyed by
     * the source and the instant it fell silent, so each silence gives one alert); returns the alerts raised now.
     */
    @Transactional
    public List<FreshnessAlert> raiseAlerts() {
        Instant now = clock.instant();
        Duration period = config.aggregation().freshnessPeriod();
        List<FreshnessAlert> raised = new ArrayList<>();
        List<ReportingSource> all = ReportingSource.list("overdueSince is null");
        for (ReportingSource source : all) {
            if (!isOverdue(source, now, period)) {
                continue;
            }
            source.overdueSince = now;
            FreshnessAlert alert = new FreshnessAlert();
            alert.kind = source.key.kind;
            alert.sourceId = source.key.sourceId;
            alert.regionPrefix = source.regionPrefix;
            alert.lastReportAt = source.lastReportAt;
            alert.raisedAt = now;
            alert.persist();
            audit.record(AuditEntry.of("freshness.overdue", "reporting-source",
                    source.key.kind + ":" + source.key.sourceId, "overdue"));
            LOG.warnf("%s %s (region %s) has not reported since %s, longer than %s", source.key.kind,
                    source.key.sourceId, source.regionPrefix, source.silentSince(), period);
            supervision.raise(AlertKey.of("report-source", truncate(source.key.kind + ":" + source.key.sourceId + "@"
                    + source.silentSince(), 200)), AlertLevel.YELLOW, regionCode(source.regionPrefix), null,
                    AlertRule.FRESHNESS, source.key.kind + " " + source.key.sourceId + " (region " + source.regionPrefix
                            + ") has not reported since " + source.silentSince() + ", longer than " + period,
                    source.silentSince().plus(period));
            raised.add(alert);
        }
        return raised;
    }

    /**
     * The region code of a source's region prefix (3303 → 330300), for the supervision alert: who sees it and
     * which rule set applies; this node's own region for a source without a prefix.
     */
    private String regionCode(String regionPrefix) {
        if (regionPrefix == null || regionPrefix.isBlank()) {
            return config.regionCode();
        }
        return (regionPrefix + "000000").substring(0, 6);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static boolean isOverdue(ReportingSource source, Instant now, Duration period) {
        return Duration.between(source.silentSince(), now).compareTo(period) > 0;
    }

    private List<String> expectedPlatforms() {
        return config.aggregation().expectedPlatforms().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private String nodePrefix() {
        return RegionPrefix.ofRegion(config.regionCode()).value();
    }
}
