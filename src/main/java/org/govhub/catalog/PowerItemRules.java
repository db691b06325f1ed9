package org.govhub.catalog;

import static org.govhub.catalog.FieldErrors.path;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a power item admissible (seed 000 附件1): every error is recorded under its JSON path so
 * one answer names all of them. Shared checks (legal basis, text, amounts) also serve the two lists.
 */
final class PowerItemRules {
    static final BigDecimal MAX_YUAN = new BigDecimal("1000000000000");
    private static final Pattern EXTENSION_KEY = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
    private static final int MAX_EXTENSIONS = 50;

    private PowerItemRules() {
    }

    static void check(PowerItem item, String at, FieldErrors errors) {
        if (item == null) {
            errors.add(at.isEmpty() ? "item" : at, "an item is required, not null");
            return;
        }
        if (item.code() == null) {
            errors.add(path(at, "code"), "is required");
        }
        requiredText(errors, path(at, "name"), item.name(), 500);
        legalBasis(errors, path(at, "legalBasis"), item.legalBasis(),
                "at least one legal basis (行使依据) is required; an item without legal basis is not admitted");
        subject(errors, path(at, "subject"), item.subject());
        optionalText(errors, path(at, "handlingDepartment"), item.handlingDepartment(), 200);
        optionalText(errors, path(at, "address"), item.address(), 500);
        optionalText(errors, path(at, "phone"), item.phone(), 50);
        optionalText(errors, path(at, "supervisionPhone"), item.supervisionPhone(), 50);
        optionalText(errors, path(at, "acceptanceConditions"), item.acceptanceConditions(), 10000);
        attachment(errors, path(at, "processChart"), item.processChart());
        eachOf(item.forms(), path(at, "forms"), errors, (form, p) -> attachment(errors, p, form));
        eachOf(item.materials(), path(at, "materials"), errors, (material, p) -> material(errors, p, material));
        timeLimit(errors, path(at, "statutoryTimeLimit"), item.statutoryTimeLimit());
        timeLimit(errors, path(at, "promisedTimeLimit"), item.promisedTimeLimit());
        fees(errors, path(at, "fees"), item.fees());
        eachOf(item.faq(), path(at, "faq"), errors, (faq, p) -> {
            requiredText(errors, path(p, "question"), faq.question(), 1000);
            requiredText(errors, path(p, "answer"), faq.answer(), 10000);
        });
        url(errors, path(at, "onlineUrl"), item.onlineUrl());
        extensions(errors, path(at, "extensions"), item.extensions());
        promisedWithinStatutory(errors, at, item);
        if (item.code() != null) {
            typeRules(errors, at, item, item.code().type());
        }
    }

    private static void typeRules(FieldErrors errors, String at, PowerItem item, PowerItemType type) {
        String label = type.code() + " (" + type.chineseName() + ")";
        if (type == PowerItemType.XK || type == PowerItemType.SP) {
            requiredText(errors, path(at, "acceptanceConditions"), item.acceptanceConditions(), 10000);
            if (item.materials() == null || item.materials().isEmpty()) {
                errors.add(path(at, "materials"), "an approval item (" + label + ") lists its application materials (申报资料)");
            }
            required(errors, path(at, "statutoryTimeLimit"), item.statutoryTimeLimit(), "an approval item states its statutory time limit (法定期限)");
            required(errors, path(at, "promisedTimeLimit"), item.promisedTimeLimit(), "an approval item states its promised time limit (承诺期限)");
            required(errors, path(at, "fees"), item.fees(), "an approval item states whether it is charged for (收费及依据标准)");
        }
        if (type == PowerItemType.CF) {
            penalty(errors, at, item);
        } else {
            forbidden(errors, path(at, "penaltyKinds"), present(item.penaltyKinds()), "only CF (行政处罚) items carry penalty kinds, not " + label);
            forbidden(errors, path(at, "discretionBaseline"), present(item.discretionBaseline()),
                    "only CF (行政处罚) items carry a discretion baseline, not " + label);
        }
        if (type == PowerItemType.JL) {
            required(errors, path(at, "effectiveDate"), item.effectiveDate(), "a reward item states its effective date (生效时间)");
            required(errors, path(at, "promisedTimeLimit"), item.promisedTimeLimit(), "a reward item states its promised time limit (承诺时限)");
            if (item.effectiveDate() != null && item.expiryDate() != null && item.expiryDate().isBefore(item.effectiveDate())) {
                errors.add(path(at, "expiryDate"), "expiry date " + item.expiryDate() + " is before the effective date " + item.effectiveDate());
            }
        } else {
            forbidden(errors, path(at, "effectiveDate"), item.effectiveDate() != null, "only JL (行政奖励) items carry an effective date, not " + label);
            forbidden(errors, path(at, "expiryDate"), item.expiryDate() != null, "only JL (行政奖励) items carry an expiry date, not " + label);
        }
        if (type == PowerItemType.CF || type == PowerItemType.JL) {
            required(errors, path(at, "resultsPublished"), item.resultsPublished(), "a " + label + " item states whether its results are published");
        } else {
            forbidden(errors, path(at, "resultsPublished"), item.resultsPublished() != null,
                    "only CF and JL items state whether results are published, not " + label);
        }
    }

    private static void penalty(FieldErrors errors, String at, PowerItem item) {
        List<String> kinds = item.penaltyKinds();
        Set<String> listed = new HashSet<>();
        if (kinds == null || kinds.isEmpty()) {
            errors.add(path(at, "penaltyKinds"), "a penalty item lists at least one penalty kind (处罚种类), one of " + PenaltyKind.ALL);
        } else {
            for (int i = 0; i < kinds.size(); i++) {
                String kind = kinds.get(i);
                String p = path(at, "penaltyKinds[" + i + "]");
                if (PenaltyKind.find(kind).isEmpty()) {
                    errors.add(p, "penalty kind " + quoted(kind) + " is not one of " + PenaltyKind.ALL);
                } else if (!listed.add(kind)) {
                    errors.add(p, "penalty kind " + kind + " is listed twice");
                }
            }
        }
        List<DiscretionRule> baseline = item.discretionBaseline();
        if (baseline == null || baseline.isEmpty()) {
            errors.add(path(at, "discretionBaseline"), "a penalty item needs a machine-readable discretion baseline (自由裁量基准):"
                    + " one rule per penalty kind, with minYuan and maxYuan for fines");
            return;
        }
        Set<String> covered = new HashSet<>();
        for (int i = 0; i < baseline.size(); i++) {
            String p = path(at, "discretionBaseline[" + i + "]");
            DiscretionRule rule = baseline.get(i);
            if (rule == null) {
                errors.add(p, "must not be null");
                continue;
            }
            var kind = PenaltyKind.find(rule.penaltyKind());
            if (rule.penaltyKind() == null) {
                errors.add(path(p, "penaltyKind"), "is required");
            } else if (kind.isEmpty()) {
                errors.add(path(p, "penaltyKind"), "penalty kind " + quoted(rule.penaltyKind()) + " is not one of " + PenaltyKind.ALL);
            } else if (!listed.contains(rule.penaltyKind())) {
                errors.add(path(p, "penaltyKind"), "penalty kind " + rule.penaltyKind() + " is not among the item's penaltyKinds");
            } else {
                covered.add(rule.penaltyKind());
            }
            boolean hasAmount = rule.minYuan() != null || rule.maxYuan() != null;
            if (kind.isPresent() && !kind.get().carriesAmount() && hasAmount) {
                errors.add(p, "penalty kind " + rule.penaltyKind() + " carries no amount; only fine and confiscation have minYuan/maxYuan");
            }
            if (kind.orElse(null) == PenaltyKind.FINE) {
                required(errors, path(p, "minYuan"), rule.minYuan(), "a fine states its minimum amount in yuan");
                required(errors, path(p, "maxYuan"), rule.maxYuan(), "a fine states its maximum amount in yuan");
            }
            yuan(errors, path(p, "minYuan"), rule.minYuan());
            yuan(errors, path(p, "maxYuan"), rule.maxYuan());
            if (rule.minYuan() != null && rule.maxYuan() != null && rule.maxYuan().compareTo(rule.minYuan()) < 0) {
                errors.add(path(p, "maxYuan"), "maximum " + rule.maxYuan().toPlainString() + " yuan is below the minimum "
                        + rule.minYuan().toPlainString() + " yuan");
            }
        }
        for (String kind : listed) {
            if (!covered.contains(kind)) {
                errors.add(path(at, "discretionBaseline"), "penalty kind " + kind + " has no rule in the discretion baseline");
            }
        }
    }

    private static void promisedWithinStatutory(FieldErrors errors, String at, PowerItem item) {
        TimeLimit promised = item.promisedTimeLimit();
        TimeLimit statutory = item.statutoryTimeLimit();
        if (promised != null && statutory != null && promised.value() != null && statutory.value() != null
                && promised.unit() != null && promised.unit() == statutory.unit() && promised.value() > statutory.value()) {
            errors.add(path(at, "promisedTimeLimit"), "promised " + promised + " exceeds the statutory " + statutory);
        }
    }

    static void legalBasis(FieldErrors errors, String at, List<LegalBasis> basis, String whenMissing) {
        if (basis == null || basis.isEmpty()) {
            if (whenMissing != null) {
                errors.add(at, whenMissing);
            }
            return;
        }
        List<LegalRank> seen = new ArrayList<>();
        for (int i = 0; i < basis.size(); i++) {
            String p = at + "[" + i + "]";
            LegalBasis b = basis.get(i);
            if (b == null) {
                errors.add(p, "must not be null");
                continue;
            }
            required(errors, path(p, "rank"), b.rank(), "is required, one of law, administrative-regulation, local-regulation,"
                    + " department-rule, local-government-rule, normative-document");
            requiredText(errors, path(p, "title"), b.title(), 500);
            optionalText(errors, path(p, "article"), b.article(), 200);
            optionalText(errors, path(p, "provision"), b.provision(), 10000);
            if (b.rank() != null) {
                for (int k = 0; k < seen.size(); k++) {
                    if (seen.get(k) != null && b.rank().outranks(seen.get(k))) {
                        errors.add(path(p, "rank"), b.rank().wireName() + " outranks " + at + "[" + k + "] ("
                                + seen.get(k).wireName() + "); list the legal basis highest rank first");
                        break;
                    }
                }
            }
            seen.add(b.rank());
        }
    }

    private static void subject(FieldErrors errors, String at, HandlingSubject subject) {
        if (subject == null) {
            errors.add(at, "the handling subject (办理主体) and its nature are required");
            return;
        }
        requiredText(errors, path(at, "name"), subject.name(), 200);
        required(errors, path(at, "nature"), subject.nature(), "is required, one of statutory-organ, authorised-organisation, entrusted-organisation");
        if (subject.nature() == SubjectNature.ENTRUSTED_ORGANISATION) {
            if (subject.entrustingOrgan() == null) {
                errors.add(path(at, "entrustingOrgan"), "an entrusted organisation names the organ that entrusted it and that organ's nature");
            } else {
                requiredText(errors, path(at, "entrustingOrgan.name"), subject.entrustingOrgan().name(), 200);
                requiredText(errors, path(at, "entrustingOrgan.nature"), subject.entrustingOrgan().nature(), 200);
            }
        } else if (subject.entrustingOrgan() != null) {
            errors.add(path(at, "entrustingOrgan"), "only an entrusted organisation has an entrusting organ");
        }
    }

    private static void material(FieldErrors errors, String at, Material material) {
        requiredText(errors, path(at, "name"), material.name(), 500);
        if (material.copies() != null && (material.copies() < 1 || material.copies() > 100)) {
            errors.add(path(at, "copies"), "must be 1..100");
        }
        optionalText(errors, path(at, "note"), material.note(), 2000);
        attachment(errors, path(at, "form"), material.form());
    }

    private static void timeLimit(FieldErrors errors, String at, TimeLimit limit) {
        if (limit == null) {
            return;
        }
        if (limit.value() == null) {
            errors.add(path(at, "value"), "is required: a number of days");
        } else if (limit.value() < 0 || limit.value() > 3650) {
            errors.add(path(at, "value"), "must be 0..3650 days, not " + limit.value());
        }
        required(errors, path(at, "unit"), limit.unit(), "is required: working-days or calendar-days");
    }

    private static void fees(FieldErrors errors, String at, Fees fees) {
        if (fees == null) {
            return;
        }
        required(errors, path(at, "charged"), fees.charged(), "is required: true or false");
        if (Boolean.TRUE.equals(fees.charged())) {
            requiredText(errors, path(at, "standard"), fees.standard(), 2000);
            requiredText(errors, path(at, "basis"), fees.basis(), 2000);
        } else {
            optionalText(errors, path(at, "standard"), fees.standard(), 2000);
            optionalText(errors, path(at, "basis"), fees.basis(), 2000);
        }
    }

    private static void attachment(FieldErrors errors, String at, Attachment attachment) {
        if (attachment == null) {
            return;
        }
        requiredText(errors, path(at, "title"), attachment.title(), 200);
        if (attachment.url() == null) {
            errors.add(path(at, "url"), "is required");
        } else {
            url(errors, path(at, "url"), attachment.url());
        }
    }

    private static void url(FieldErrors errors, String at, String url) {
        if (url == null) {
            return;
        }
        try {
            URI uri = new URI(url);
            if (url.length() > 2000 || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                errors.add(at, "must be an absolute http or https URL of at most 2000 characters");
            }
        } catch (URISyntaxException e) {
            errors.add(at, "is not a valid URL: " + e.getReason());
        }
    }

    private static void extensions(FieldErrors errors, String at, Map<String, String> extensions) {
        if (extensions == null) {
            return;
        }
        if (extensions.size() > MAX_EXTENSIONS) {
            errors.add(at, "has " + extensions.size() + " entries; at most " + MAX_EXTENSIONS);
        }
        extensions.forEach((key, value) -> {
            if (!EXTENSION_KEY.matcher(key).matches()) {
                errors.add(path(at, key), "extension key must start with a lower-case letter and have at most 64 letters and digits");
            }
            if (value == null) {
                errors.add(path(at, key), "extension value must be a string, not null");
            } else if (value.length() > 2000) {
                errors.add(path(at, key), "extension value has " + value.length() + " characters; at most 2000");
            }
        });
    }

    static void yuan(FieldErrors errors, String at, BigDecimal amount) {
        if (amount == null) {
            return;
        }
        if (amount.signum() < 0) {
            errors.add(at, "must not be negative");
        } else if (amount.stripTrailingZeros().scale() > 2) {
            errors.add(at, "yuan amounts have at most 2 decimals (fen), not " + amount.toPlainString());
        } else if (amount.compareTo(MAX_YUAN) > 0) {
            errors.add(at, "must be at most " + MAX_YUAN.toPlainString() + " yuan");
        }
    }

    static void requiredText(FieldErrors errors, String at, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(at, "is required");
        } else {
            optionalText(errors, at, value, max);
        }
    }

    static void optionalText(FieldErrors errors, String at, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(at, "has " + value.length() + " characters; at most " + max);
        }
    }

    static void required(FieldErrors errors, String at, Object value, String message) {
        if (value == null) {
            errors.add(at, message);
        }
    }

    private static void forbidden(FieldErrors errors, String at, boolean present, String message) {
        if (present) {
            errors.add(at, message);
        }
    }

    static <T> void eachOf(List<T> list, String at, FieldErrors errors, java.util.function.BiConsumer<T, String> check) {
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = at + "[" + i + "]";
            if (list.get(i) == null) {
                errors.add(p, "must not be null");
            } else {
                check.accept(list.get(i), p);
            }
        }
    }

    private static boolean present(List<?> list) {
        return list != null && !list.isEmpty();
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
