package org.govhub.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import org.govhub.supervision.CaseTiming.Part;
import org.govhub.supervision.CaseTiming.TimedStep;
import org.govhub.supervision.WorkingDayCalendar.Interval;
import org.junit.jupiter.api.Test;

class CaseTimingTest {
    private static final WorkingDayCalendar CALENDAR_2026 = new WorkingDayCalendar(
            LocalDate.of(2026, 10, 1).datesUntil(LocalDate.of(2026, 10, 8)).collect(Collectors.toSet()),
            Set.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10)));

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    private static TimedStep step(String stage, String action, String post, String start, String end) {
        return new TimedStep(stage, action, post, at(start), end == null ? null : at(end));
    }

    @Test
    void suspensionPausesUntilTheResumeStep() {
        List<TimedStep> steps = List.of(
                step("受理", "accept", "窗口", "2026-03-09T09:00", "2026-03-09T10:00"),
                step("审查", "suspend", "科员", "2026-03-10T09:00", "2026-03-10T09:30"),
                step("审查", "resume", "科员", "2026-03-12T09:00", null));

        assertEquals(List.of(new Interval(at("2026-03-10T09:00"), at("2026-03-12T09:00"))), CaseTiming.pauses(steps));
    }

    @Test
    void correctionNotYetAnsweredIsAnOpenPause() {
        List<TimedStep> steps = List.of(step("受理", "correct", "窗口", "2026-03-09T09:00", null));

        assertEquals(List.of(Interval.open(at("2026-03-09T09:00"))), CaseTiming.pauses(steps));
    }

    @Test
    void suspensionFollowedByCorrectionIsOnePause() {
        List<TimedStep> steps = List.of(
                step("审查", "suspend", "科员", "2026-03-10T09:00", null),
                step("审查", "correct", "科员", "2026-03-11T09:00", null),
                step("审查", "review", "科员", "2026-03-13T09:00", null));

        assertEquals(List.of(new Interval(at("2026-03-10T09:00"), at("2026-03-13T09:00"))), CaseTiming.pauses(steps));
    }

    @Test
    void stepsCountInTheOrderOfTheirStartTimes() {
        List<TimedStep> steps = List.of(
                step("审查", "resume", "科员", "2026-03-12T09:00", null),
                step("审查", "suspend", "科员", "2026-03-10T09:00", null));

        assertEquals(List.of(new Interval(at("2026-03-10T09:00"), at("2026-03-12T09:00"))), CaseTiming.pauses(steps));
    }

    @Test
    void resumeWithoutPauseChangesNothing() {
        assertEquals(List.of(), CaseTiming.pauses(List.of(step("审查", "resume", "科员", "2026-03-12T09:00", null))));
    }

    @Test
    void countsCorrections() {
        assertEquals(2, CaseTiming.corrections(List.of(
                step("受理", "correct", "窗口", "2026-03-09T09:00", null),
                step("受理", "accept", "窗口", "2026-03-09T10:00", null),
                step("受理", "correct", "窗口", "2026-03-09T11:00", null))));
    }

    @Test
    void stageTimeIsTheSumOfItsCompletedStepsWithoutPauses() {
        List<TimedStep> steps = List.of(
                step("审查", "review", "科员", "2026-03-09T00:00", "2026-03-10T00:00"),
                step("审查", "correct", "科员", "2026-03-10T00:00", "2026-03-10T01:00"),
                step("审查", "review", "科长", "2026-03-11T00:00", "2026-03-11T12:00"),
                step("决定", "approve", "局长", "2026-03-13T00:00", null));
        List<Interval> pauses = CaseTiming.pauses(steps);

        Map<String, Part> stages = CaseTiming.byStage(CALENDAR_2026, steps, pauses);

        assertEquals(1.5, stages.get("审查").workingDays(), 1e-9);
        assertTrue(stages.get("审查").corrected());
        assertFalse(stages.get("决定").completedStep());
        assertEquals(Set.of("科员", "科长", "局长"), CaseTiming.byPost(CALENDAR_2026, steps, pauses).keySet());
        assertEquals(1.0, CaseTiming.byPost(CALENDAR_2026, steps, pauses).get("科员").workingDays(), 1e-9);
    }

    @Test
    void promiseStatedInWorkingDaysWins() {
        assertEquals(OptionalDouble.of(5), CaseTiming.promisedWorkingDays(CALENDAR_2026, at("2026-03-09T09:00"), 5,
                at("2026-03-20T00:00"), 20, false));
    }

    @Test
    void promisedDeadlineCountsItsWorkingDays() {
        assertEquals(2.0, CaseTiming.promisedWorkingDays(CALENDAR_2026, at("2026-09-30T12:00"), null,
                at("2026-10-09T12:00"), null, false).getAsDouble(), 1e-9);
    }

    @Test
    void catalogueLimitInCalendarDaysEndsAtMidnightOfTheLastDay() {
        // Friday 13 March 12:00 plus 3 calendar days: due at the end of Monday 16 March.
        assertEquals(1.5, CaseTiming.promisedWorkingDays(CALENDAR_2026, at("2026-03-13T12:00"), null, null, 3, true)
                .getAsDouble(), 1e-9);
    }

    @Test
    void onTheSpotMeansByTheEndOfTheWorkingDay() {
        assertEquals(0.25, CaseTiming.promisedWorkingDays(CALENDAR_2026, at("2026-03-09T18:00"), 0, null, null, false)
                .getAsDouble(), 1e-9);
        assertEquals(1.0, CaseTiming.promisedWorkingDays(CALENDAR_2026, at("2026-03-07T18:00"), 0, null, null, false)
                .getAsDouble(), 1e-9);
    }

    @Test
    void nothingPromisedGivesNoPromise() {
        assertTrue(CaseTiming.promisedWorkingDays(CALENDAR_2026, at("2026-03-09T18:00"), null, null, null, false).isEmpty());
        assertTrue(CaseTiming.promisedWorkingDays(CALENDAR_2026, at("2026-03-09T18:00"), null, at("2026-03-01T00:00"),
                null, false).isEmpty());
    }
    @Test
    void noticeDuringASuspensionDoesNotRestartTheClock() {
        List<TimedStep> steps = List.of(
                step("审查", "suspend", "科员", "2026-03-10T09:00", null),
                step("审查", "notify", "科员", "2026-03-10T10:00", null),
                step("审查", "resume", "科员", "2026-03-12T09:00", null));

        assertEquals(List.of(new Interval(at("2026-03-10T09:00"), at("2026-03-12T09:00"))), CaseTiming.pauses(steps));
    }
}
