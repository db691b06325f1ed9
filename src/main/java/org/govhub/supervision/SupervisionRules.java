package org.govhub.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.govhub.access.Caller;
import org.govhub.audit.AuditEntry;
import org.govhub.audit.AuditLog;
import org.govhub.common.HubClock;
import org.govhub.common.InvalidValueException;
import org.govhub.common.RegionPrefix;
import org.govhub.common.problem.FieldError;
import org.govhub.common.problem.ProblemException;

/**
 * The supervision rules repository (监察规则信息库): rule sets as versioned records per region prefix,
 * changed by supervisors through the API. Nothing is cached: every evaluation reads the version that
 * is current at that moment, so a change applies from the next evaluation on, without a restart.
 */
@ApplicationScoped
public class SupervisionRules {
    static final int MAX_CORRECTION_LIMIT = 1000;
    static final int MAX_NOTE = 1000;

    private final EntityManager em;
    private final AuditLog audit;
    private final HubClock clock;

    public SupervisionRules(EntityManager em, AuditLog audit, HubClock clock) {
        this.em = em;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The rule set applying to a region code (330303) or prefix (3303): the newest version of the
     * longest scope covering it, the baseline ('') when no region has its own.
     */
    @Transactional
    public RuleSet forRegion(String regionCodeOrPrefix) {
        RuleSetRecord row = RuleSetRecord.newestOf(scopesCovering(regionCodeOrPrefix));
        if (row == null) {
            throw new IllegalStateException("the supervision rules repository has no baseline rule set (migration V50)");
        }
        return RuleSet.of(row);
    }

    /** The rule set applying to a region prefix inside the caller's region (404 outside it). */
    @Transactional
    public RuleSet applying(Caller caller, String scopeText) {
        return forRegion(visibleScope(caller, scopeText));
    }

    /** Every version a scope has had, oldest first (empty when the scope inherits its rules). */
    @Transactional
    public RuleSetHistory versions(Caller caller, String scopeText) {
        String scope = visibleScope(caller, scopeText);
        return new RuleSetHistory(scope, RuleSetRecord.versionsOf(scope).stream().map(RuleSet::of).toList());
    }

    public record RuleSetHistory(String regionPrefix, List<RuleSet> versions) {
    }

    /** Stores the next version of the scope's rule set; it applies to the next evaluation. */
    @Transactional
    public RuleSet change(Caller caller, String scopeText, RuleSetChange change) {
        String scope = scope(scopeText);
        caller.requireCovers(scope, "rule scope");
        if (change == null) {
            throw ProblemException.badRequest("the body must be a rule set: yellowSharePercent, correctionLimit, inactiveRules, note");
        }
        Set<AlertRule> inactive = validate(change);
        List<RuleSetRecord> existing = RuleSetRecord.versionsOf(scope);
        int current = existing.isEmpty() ? 0 : existing.get(existing.size() - 1).version;
        if (change.basedOnVersion() != null && change.basedOnVersion() != current) {
            throw ProblemException.conflict("the rule set of " + scope + " is at version " + current
                    + ", not " + change.basedOnVersion() + "; read it again and base the change on the current version");
        }
        RuleSetRecord row = new RuleSetRecord();
        row.regionPrefix = scope;
        row.version = current + 1;
        row.yellowSharePercent = change.yellowSharePercent();
        row.correctionLimit = change.correctionLimit();
        row.inactiveRules = inactive.stream().map(AlertRule::wireName).collect(Collectors.joining(","));
        row.note = change.note() == null || change.note().isBlank() ? null : change.note().strip();
        row.changedBy = caller.clientId();
        row.changedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("another change of the rule set of " + scope
                    + " was stored at the same time; read it again and retry");
        }
        audit.record(AuditEntry.of("supervision.rules.change", "supervision-rule-set", scope + "@" + row.version, "ok"));
        return RuleSet.of(row);
    }

    private static Set<AlertRule> validate(RuleSetChange change) {
        List<FieldError> errors = new ArrayList<>();
        Integer share = change.yellowSharePercent();
        if (share == null || share < 1 || share > 99) {
            errors.add(new FieldError("yellowSharePercent",
                    "must be a whole percentage from 1 to 99: the share of the promised time at which a yellow card shows"));
        }
        Integer limit = change.correctionLimit();
        if (limit == null || limit < 0 || limit > MAX_CORRECTION_LIMIT) {
            errors.add(new FieldError("correctionLimit", "must be a whole number from 0 to " + MAX_CORRECTION_LIMIT
                    + ": the most corrections (补正) a case may have without an alert"));
        }
        if (change.note() != null && change.note().length() > MAX_NOTE) {
            errors.add(new FieldError("note", "must be at most " + MAX_NOTE + " characters"));
        }
        Set<AlertRule> inactive = EnumSet.noneOf(AlertRule.class);
        List<String> names = change.inactiveRules() == null ? List.of() : change.inactiveRules();
        for (int i = 0; i < names.size(); i++) {
            try {
                inactive.add(AlertRule.parse(names.get(i)));
            } catch (InvalidValueException e) {
                errors.add(new FieldError("inactiveRules[" + i + "]", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return inactive;
    }

    private static String visibleScope(Caller caller, String scopeText) {
        String scope = scope(scopeText);
        if (!caller.covers(scope)) {
            throw ProblemException.notFound("no rule set for " + scope + " in this client's region");
        }
        return scope;
    }

    /** A region prefix naming a province (33), a city (3303) or a county (330303). */
    static String scope(String text) {
        RegionPrefix prefix;
        try {
            prefix = RegionPrefix.parse(text);
        } catch (InvalidValueException e) {
            throw e.forField("regionPrefix");
        }
        String value = prefix.value();
        if (value.isEmpty() || value.endsWith("00")) {
            throw new InvalidValueException("regionPrefix", "rule scope " + text + " must name a province (33), a city"
                    + " (3303) or a county (330303): leave out trailing 00");
        }
        return value;
    }

    /** The scopes whose rules may apply to a region code or prefix, most specific first: 330303, 3303, 33, ''. */
    static List<String> scopesCovering(String regionCodeOrPrefix) {
        List<String> scopes = new ArrayList<>();
        for (int length = Math.min(6, regionCodeOrPrefix.length()); length >= 2; length -= 2) {
            scopes.add(regionCodeOrPrefix.substring(0, length));
        }
        scopes.add("");
        return scopes;
    }
}
