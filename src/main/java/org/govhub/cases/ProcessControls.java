package org.govhub.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The process controls of seed 003 §四(三), applied to a record that is otherwise valid. They flag
 * rather than refuse: the platform has already done what the record says, and the exchange must hold
 * the true history for supervision (电子监察) to act on. Pure: same record and item, same findings.
 */
final class ProcessControls {

    private ProcessControls() {
    }

    static List<Finding> check(CaseRecord record, CaseItem item, int maxCorrections) {
        List<Finding> findings = new ArrayList<>();
        finishedWithoutResult(record, findings);
        reasons(record, findings);
        corrections(record, maxCorrections, findings);
        penalty(record, item, findings);
        timeOrder(record, findings);
        materials(record, item, findings);
        return findings;
    }

    private static void finishedWithoutResult(CaseRecord record, List<Finding> findings) {
        if (record.status() == CaseStatus.FINISHED && record.result() == null) {
            findings.add(new Finding(FindingRule.FINISHED_WITHOUT_RESULT, "result",
                    "the case is finished but carries no result"));
        }
    }

    private static void reasons(CaseRecord record, List<Finding> findings) {
        for (int i = 0; i < record.steps().size(); i++) {
            CaseRecord.Step step = record.steps().get(i);
            if (step.action().needsReason() && (step.reason() == null || step.reason().isBlank())) {
                findings.add(new Finding(FindingRule.MISSING_REASON, "steps[" + i + "].reason",
                        "step " + (i + 1) + " (" + step.action().wireName() + ") states no reason"));
            }
        }
    }

    private static void corrections(CaseRecord record, int maxCorrections, List<Finding> findings) {
        long corrections = record.steps().stream().filter(s -> s.action() == StepAction.CORRECT).count();
        if (corrections > maxCorrections) {
            findings.add(new Finding(FindingRule.TOO_MANY_CORRECTIONS, "steps",
                    corrections + " corrections (补正); at most " + maxCorrections + " are expected"));
        }
    }

    private static void penalty(CaseRecord record, CaseItem item, List<Finding> findings) {
        CaseRecord.Penalty penalty = record.result() == null ? null : record.result().penalty();
        if (penalty == null || item == null || item.discretion().isEmpty()) {
            return;
        }
        List<CaseItem.PenaltyRange> ofKind = item.discretion().stream().filter(r -> r.kind().equals(penalty.kind())).toList();
        if (ofKind.isEmpty()) {
            findings.add(new Finding(FindingRule.PENALTY_OUTSIDE_DISCRETION, "result.penalty.kind",
                    "penalty kind " + penalty.kind() + " is not in the discretion baseline of " + item.code() + " (" + baseline(item) + ")"));
            return;
        }
        BigDecimal amount = penalty.amountYuan();
        if (amount == null) {
            if (ofKind.stream().allMatch(r -> r.minYuan() != null || r.maxYuan() != null)) {
                findings.add(new Finding(FindingRule.PENALTY_OUTSIDE_DISCRETION, "result.penalty.amountYuan",
                        "penalty " + penalty.kind() + " states no amount; the discretion baseline of " + item.code()
                                + " sets one (" + baseline(item) + ")"));
            }
            return;
        }
        if (ofKind.stream().noneMatch(r -> r.admits(amount))) {
            findings.add(new Finding(FindingRule.PENALTY_OUTSIDE_DISCRETION, "result.penalty.amountYuan",
                    amount.toPlainString() + " yuan is outside the discretion baseline of " + item.code() + " (" + baseline(item) + ")"));
        }
    }

    /** Only for a finding's message: most pushed penalties are within the baseline. */
    private static String baseline(CaseItem item) {
        return item.discretion().stream().map(CaseItem.PenaltyRange::describe).collect(Collectors.joining("; "));
    }

    private static void timeOrder(CaseRecord record, List<Finding> findings) {
        Instant accepted = record.acceptedAt();
        Instant previousStart = null;
        for (int i = 0; i < record.steps().size(); i++) {
            CaseRecord.Step step = record.steps().get(i);
            String at = "steps[" + i + "]";
            if (step.endedAt() != null && step.endedAt().isBefore(step.startedAt())) {
                findings.add(new Finding(FindingRule.STEPS_OUT_OF_ORDER, at + ".endedAt",
                        "step " + (i + 1) + " ends at " + step.endedAt() + ", before it starts at " + step.startedAt()));
            }
            if (previousStart != null && step.startedAt().isBefore(previousStart)) {
                findings.add(new Finding(FindingRule.STEPS_OUT_OF_ORDER, at + ".startedAt",
                        "step " + (i + 1) + " starts at " + step.startedAt() + ", before step " + i + " at " + previousStart));
            }
            boolean beforeAcceptance = step.action() != StepAction.SUBMIT && step.action() != StepAction.ACCEPT;
            if (beforeAcceptance && step.startedAt().isBefore(accepted)) {
                findings.add(new Finding(FindingRule.STEPS_OUT_OF_ORDER, at + ".startedAt",
                        "step " + (i + 1) + " (" + step.action().wireName() + ") starts at " + step.startedAt()
                                + ", before the case was accepted at " + accepted));
            }
            previousStart = step.startedAt();
        }
        Instant finished = record.result() == null ? null : record.result().finishedAt();
        if (finished != null && finished.isBefore(accepted)) {
            findings.add(new Finding(FindingRule.STEPS_OUT_OF_ORDER, "result.finishedAt",
                    "the result is dated " + finished + ", before the case was accepted at " + accepted));
        }
    }

    /** Seed 003: incomplete materials are not accepted. Every case in the library has been accepted. */
    private static void materials(CaseRecord record, CaseItem item, List<Finding> findings) {
        Set<String> submitted = new HashSet<>();
        Set<String> flagged = new HashSet<>();
        for (int i = 0; i < record.materials().size(); i++) {
            CaseRecord.Material material = record.materials().get(i);
            String name = material.name().strip();
            if (material.submitted()) {
                submitted.add(name);
            } else if (material.required() || (item != null && item.requiredMaterials().contains(name))) {
                flagged.add(name);
                findings.add(new Finding(FindingRule.MATERIALS_MISSING, "materials[" + i + "].submitted",
                        "required material " + name + " was not submitted, yet the case was accepted"));
            }
        }
        if (item == null) {
            return;
        }
        for (String required : item.requiredMaterials()) {
            String name = required.strip();
            if (!submitted.contains(name) && !flagged.contains(name)) {
                findings.add(new Finding(FindingRule.MATERIALS_MISSING, "materials",
                        "material " + name + ", required by " + item.code() + ", is not among the submitted materials"));
            }
        }
    }
}
