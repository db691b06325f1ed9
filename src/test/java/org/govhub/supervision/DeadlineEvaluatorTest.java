package org.govhub.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.govhub.common.HubClock;
import org.govhub.supervision.DeadlineEvaluator.CaseClock;
import org.govhub.supervision.DeadlineEvaluator.Level;
import org.govhub.supervision.WorkingDayCalendar.Interval;
import org.junit.jupiter.api.Test;

/**
 * Yellow and red cards on the working-day calendar of 2026 (National Day 1-7 October off, Sunday
 * 20 September and Saturday 10 October worked), driven by the hub's injectable clock.
 */
class DeadlineEvaluatorTest {

    private static final WorkingDayCalendar CALENDAR_2026 = new WorkingDayCalendar(
            LocalDate.of(2026, 10, 1).datesUntil(LocalDate.of(2026, 10, 8)).collect(Collectors.toSet()),
            Set.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10)));
    private static final DeadlineEvaluator EVALUATOR = new DeadlineEvaluator(CALENDAR_2026);
    private static final int DEFAULT_SHARE = 80;

    private final HubClock clock = new HubClock();

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    private Level levelAt(CaseClock caseClock, String localDateTime) {
        clock.pin(at(localDateTime));
        return EVALUATOR.evaluate(caseClock, DEFAULT_SHARE, clock.instant()).level();
    }

    /** Level changes seen while the clock advances minute by minute: [instant, new level] pairs. */
    private List<Object> transitions(CaseClock caseClock, int share, String from, String to) {
        List<Object> seen = new ArrayList<>();
        clock.pin(at(from));
        Level last = Level.NONE;
        while (clock.instant().isBefore(at(to))) {
            Level level = EVALUATOR.evaluate(caseClock, share, clock.instant()).level();
            if (level != last) {
                seen.add(clock.instant());
                seen.add(level);
                last = level;
            }
            clock.advance(Duration.ofMinutes(1));
        }
        return seen;
    }

    // Thursday 5 March 10:00, 2 working days: Thursday counts 14/24, Friday 1, the weekend nothing.
    private static final CaseClock OVER_A_WEEKEND = new CaseClock(at("2026-03-05T10:00"), 2, List.of(), null);

    @Test
    void yellowAppearsWhenEightyPercentIsUsedAfterTheWeekend() {
        assertEquals(Level.NONE, levelAt(OVER_A_WEEKEND, "2026-03-09T00:23:59"));
        assertEquals(Level.YELLOW, levelAt(OVER_A_WEEKEND, "2026-03-09T00:24"));
    }

    @Test
    void weekendDoesNotUseTheTime() {
        assertEquals(Level.NONE, levelAt(OVER_A_WEEKEND, "2026-03-08T23:59"));
    }

    @Test
    void redAppearsOnceThePromisedTimeIsExceeded() {
        assertEquals(Level.YELLOW, levelAt(OVER_A_WEEKEND, "2026-03-09T10:00"));
        assertEquals(Level.RED, levelAt(OVER_A_WEEKEND, "2026-03-09T10:00:00.001"));
    }

    @Test
    void yellowThenRedExactlyOnceEachAcrossTheWeekend() {
        assertEquals(List.of(at("2026-03-09T00:24"), Level.YELLOW, at("2026-03-09T10:01"), Level.RED),
                transitions(OVER_A_WEEKEND, DEFAULT_SHARE, "2026-03-05T10:00", "2026-03-12T00:00"));
    }

    // Tuesday 29 September 09:00, 4 working days: 29 Sep 15/24, 30 Sep 1, 1-7 Oct holiday, 8 and 9 Oct
    // 1 each, then Saturday 10 October is a make-up working day.
    private static final CaseClock OVER_NATIONAL_DAY = new CaseClock(at("2026-09-29T09:00"), 4, List.of(), null);

    @Test
    void holidayWeekDoesNotUseTheTimeAndTheMakeUpSaturdayDoes() {
        assertEquals(List.of(at("2026-10-09T13:48"), Level.YELLOW, at("2026-10-10T09:01"), Level.RED),
                transitions(OVER_NATIONAL_DAY, DEFAULT_SHARE, "2026-09-29T09:00", "2026-10-13T00:00"));
    }

    @Test
    void holidayEvaluationReportsTheWorkingDaysUsed() {
        DeadlineEvaluator.Evaluation evaluation = EVALUATOR.evaluate(OVER_NATIONAL_DAY, DEFAULT_SHARE, at("2026-10-08T00:00"));

        assertEquals(1.625, evaluation.elapsedWorkingDays(), 1e-9);
        assertEquals(at("2026-10-09T13:48"), evaluation.yellowFrom());
        assertEquals(at("2026-10-10T09:00"), evaluation.redFrom());
    }

    // Monday 9 March 09:00, 5 working days, suspended (暂停) from Tuesday 09:00 to Thursday 09:00.
    private static final CaseClock WITH_A_SUSPENSION = new CaseClock(at("2026-03-09T09:00"), 5,
            List.of(new Interval(at("2026-03-10T09:00"), at("2026-03-12T09:00"))), null);

    @Test
    void suspensionPushesYellowAndRedBackByTheSuspendedWorkingDays() {
        assertEquals(List.of(at("2026-03-17T09:00"), Level.YELLOW, at("2026-03-18T09:01"), Level.RED),
                transitions(WITH_A_SUSPENSION, DEFAULT_SHARE, "2026-03-09T09:00", "2026-03-20T00:00"));
    }

    @Test
    void withoutTheSuspensionTheSameCaseWouldBeRedTwoWorkingDaysEarlier() {
        CaseClock unsuspended = new CaseClock(WITH_A_SUSPENSION.acceptedAt(), 5, List.of(), null);

        assertEquals(Level.RED, levelAt(unsuspended, "2026-03-16T09:01"));
        assertEquals(Level.NONE, levelAt(WITH_A_SUSPENSION, "2026-03-16T09:01"));
    }

    @Test
    void suspensionNotYetResumedStopsTheClock() {
        CaseClock suspended = new CaseClock(at("2026-03-09T09:00"), 5, List.of(Interval.open(at("2026-03-10T09:00"))), null);

        DeadlineEvaluator.Evaluation evaluation = EVALUATOR.evaluate(suspended, DEFAULT_SHARE, at("2026-06-01T00:00"));

        assertEquals(Level.NONE, evaluation.level());
        assertEquals(1.0, evaluation.elapsedWorkingDays(), 1e-9);
        assertNull(evaluation.redFrom());
    }

    @Test
    void caseFinishedInTimeStaysWithoutCardAfterwards() {
        CaseClock finished = new CaseClock(OVER_A_WEEKEND.acceptedAt(), 2, List.of(), at("2026-03-06T12:00"));

        assertEquals(Level.NONE, levelAt(finished, "2026-04-01T00:00"));
    }

    @Test
    void caseFinishedLateKeepsItsRedCard() {
        CaseClock finished = new CaseClock(OVER_A_WEEKEND.acceptedAt(), 2, List.of(), at("2026-03-09T11:00"));

        assertEquals(Level.RED, levelAt(finished, "2026-04-01T00:00"));
    }

    @Test
    void lowerYellowShareGivesAnEarlierYellow() {
        assertEquals(List.of(at("2026-03-06T10:00"), Level.YELLOW, at("2026-03-09T10:01"), Level.RED),
                transitions(OVER_A_WEEKEND, 50, "2026-03-05T10:00", "2026-03-12T00:00"));
    }

    @Test
    void rejectsAShareOutsideOneToNinetyNine() {
        assertThrows(IllegalArgumentException.class, () -> EVALUATOR.evaluate(OVER_A_WEEKEND, 100, at("2026-03-06T00:00")));
        assertThrows(IllegalArgumentException.class, () -> EVALUATOR.evaluate(OVER_A_WEEKEND, 0, at("2026-03-06T00:00")));
    }

    @Test
    void rejectsNoPromisedTime() {
        assertThrows(IllegalArgumentException.class, () -> new CaseClock(at("2026-03-06T00:00"), 0, List.of(), null));
    }
    @Test
    void promiseUsedUpAtTheEndOfFridayIsExceededOnlyWhenMondayStarts() {
        // Thursday 12:00 plus 1.5 working days: used up on Friday at midnight.
        CaseClock clock2 = new CaseClock(at("2026-03-05T12:00"), 1.5, List.of(), null);

        assertEquals(Level.YELLOW, levelAt(clock2, "2026-03-08T23:59"));
        assertEquals(Level.RED, levelAt(clock2, "2026-03-09T00:00:00.001"));
        assertEquals(at("2026-03-09T00:00"), EVALUATOR.evaluate(clock2, DEFAULT_SHARE, at("2026-03-10T00:00")).redFrom());
    }

    @Test
    void caseFinishedOnTheWeekendAfterUsingExactlyItsPromiseIsOnTime() {
        CaseClock finished = new CaseClock(at("2026-03-05T12:00"), 1.5, List.of(), at("2026-03-07T10:00"));

        assertEquals(Level.YELLOW, levelAt(finished, "2026-04-01T00:00"));
    }
}
