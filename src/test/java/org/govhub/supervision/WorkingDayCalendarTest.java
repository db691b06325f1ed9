package org.govhub.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.govhub.supervision.WorkingDayCalendar.Interval;
import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {

    private static final double EXACT = 1e-9;

    /**
     * National Day part of the State Council's 2026 holiday schedule: 1-7 October off,
     * Sunday 20 September and Saturday 10 October worked instead.
     */
    private static final WorkingDayCalendar CALENDAR_2026 = new WorkingDayCalendar(
            LocalDate.of(2026, 10, 1).datesUntil(LocalDate.of(2026, 10, 8)).collect(Collectors.toSet()),
            Set.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10)));

    /** A Shanghai wall-clock time. */
    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    @Test
    void usesShanghaiTimeByDefault() {
        assertEquals(ZoneId.of("Asia/Shanghai"), CALENDAR_2026.zone());
    }

    @Test
    void weekdayIsWorkingDay() {
        assertTrue(CALENDAR_2026.isWorkingDay(LocalDate.of(2026, 3, 6)));
    }

    @Test
    void ordinaryWeekendIsNotWorkingDay() {
        assertFalse(CALENDAR_2026.isWorkingDay(LocalDate.of(2026, 3, 7)));
        assertFalse(CALENDAR_2026.isWorkingDay(LocalDate.of(2026, 3, 8)));
    }

    @Test
    void holidayOnWeekdayIsNotWorkingDay() {
        assertFalse(CALENDAR_2026.isWorkingDay(LocalDate.of(2026, 10, 1)));
    }

    @Test
    void makeUpWeekendDaysAreWorkingDays() {
        assertTrue(CALENDAR_2026.isWorkingDay(LocalDate.of(2026, 9, 20)));
        assertTrue(CALENDAR_2026.isWorkingDay(LocalDate.of(2026, 10, 10)));
    }

    @Test
    void addingWorkingDaysSkipsTheWeekend() {
        assertEquals(LocalDate.of(2026, 3, 9), CALENDAR_2026.addWorkingDays(LocalDate.of(2026, 3, 6), 1));
    }

    @Test
    void addingWorkingDaysSkipsHolidaysAndUsesMakeUpDays() {
        assertEquals(LocalDate.of(2026, 10, 8), CALENDAR_2026.addWorkingDays(LocalDate.of(2026, 9, 30), 1));
        assertEquals(LocalDate.of(2026, 10, 10), CALENDAR_2026.addWorkingDays(LocalDate.of(2026, 9, 30), 3));
        assertEquals(LocalDate.of(2026, 9, 20), CALENDAR_2026.addWorkingDays(LocalDate.of(2026, 9, 18), 1));
    }

    @Test
    void addingZeroWorkingDaysKeepsTheStart() {
        assertEquals(LocalDate.of(2026, 10, 3), CALENDAR_2026.addWorkingDays(LocalDate.of(2026, 10, 3), 0));
    }

    @Test
    void addingNegativeWorkingDaysCountsBackwards() {
        assertEquals(LocalDate.of(2026, 9, 30), CALENDAR_2026.addWorkingDays(LocalDate.of(2026, 10, 8), -1));
    }

    @Test
    void fridayMorningToMondayMorningIsOneWorkingDay() {
        assertEquals(1.0, CALENDAR_2026.workingDaysBetween(at("2026-03-06T10:00"), at("2026-03-09T10:00")), EXACT);
    }

    @Test
    void partOfAWorkingDayCountsAsItsFraction() {
        assertEquals(0.25, CALENDAR_2026.workingDaysBetween(at("2026-03-09T09:00"), at("2026-03-09T15:00")), EXACT);
    }

    @Test
    void sameInstantIsZeroWorkingDays() {
        assertEquals(0.0, CALENDAR_2026.workingDaysBetween(at("2026-03-09T09:00"), at("2026-03-09T09:00")), EXACT);
    }

    @Test
    void nationalDayHolidayDoesNotCount() {
        assertEquals(1.0, CALENDAR_2026.workingDaysBetween(at("2026-09-30T12:00"), at("2026-10-08T12:00")), EXACT);
    }

    @Test
    void makeUpSundayCounts() {
        assertEquals(1.0, CALENDAR_2026.workingDaysBetween(at("2026-09-19T00:00"), at("2026-09-21T00:00")), EXACT);
    }

    @Test
    void daysAreCutAtMidnightInTheCalendarZone() {
        Instant shanghaiSaturdayStart = at("2026-03-07T00:00");
        Instant shanghaiSundayStart = at("2026-03-08T00:00");
        WorkingDayCalendar utc = new WorkingDayCalendar(Set.of(), Set.of(), ZoneOffset.UTC);

        assertEquals(0.0, CALENDAR_2026.workingDaysBetween(shanghaiSaturdayStart, shanghaiSundayStart), EXACT);
        // The same 24 hours in UTC run from Friday 16:00 to Saturday 16:00.
        assertEquals(8.0 / 24, utc.workingDaysBetween(shanghaiSaturdayStart, shanghaiSundayStart), EXACT);
    }

    @Test
    void suspensionInTheMiddleIsLeftOut() {
        List<Interval> pauses = List.of(new Interval(at("2026-03-10T12:00"), at("2026-03-11T12:00")));

        assertEquals(4.0,
                CALENDAR_2026.workingDaysBetween(at("2026-03-09T00:00"), at("2026-03-14T00:00"), pauses), EXACT);
    }

    @Test
    void overlappingPausesAreLeftOutOnce() {
        List<Interval> pauses = List.of(
                new Interval(at("2026-03-10T12:00"), at("2026-03-12T00:00")),
                new Interval(at("2026-03-10T00:00"), at("2026-03-11T00:00")),
                new Interval(at("2026-03-10T06:00"), at("2026-03-10T18:00")));

        assertEquals(3.0,
                CALENDAR_2026.workingDaysBetween(at("2026-03-09T00:00"), at("2026-03-14T00:00"), pauses), EXACT);
    }

    @Test
    void touchingPausesAreLeftOutWithoutGap() {
        List<Interval> pauses = List.of(
                new Interval(at("2026-03-10T00:00"), at("2026-03-11T00:00")),
                new Interval(at("2026-03-11T00:00"), at("2026-03-12T00:00")));

        assertEquals(3.0,
                CALENDAR_2026.workingDaysBetween(at("2026-03-09T00:00"), at("2026-03-14T00:00"), pauses), EXACT);
    }

    @Test
    void openPauseRunsUntilTheEnd() {
        List<Interval> pauses = List.of(Interval.open(at("2026-03-11T00:00")));

        assertEquals(2.0,
                CALENDAR_2026.workingDaysBetween(at("2026-03-09T00:00"), at("2026-03-14T00:00"), pauses), EXACT);
    }

    @Test
    void pausesAreClippedToTheMeasuredSpan() {
        List<Interval> pauses = List.of(
                new Interval(at("2026-03-05T00:00"), at("2026-03-10T00:00")),
                new Interval(at("2026-03-13T12:00"), at("2026-03-20T00:00")),
                Interval.open(at("2026-03-16T00:00")));

        assertEquals(3.5,
                CALENDAR_2026.workingDaysBetween(at("2026-03-09T00:00"), at("2026-03-14T00:00"), pauses), EXACT);
    }

    @Test
    void pauseOverNonWorkingDaysSubtractsNothing() {
        List<Interval> pauses = List.of(new Interval(at("2026-10-01T00:00"), at("2026-10-08T00:00")));

        assertEquals(1.0,
                CALENDAR_2026.workingDaysBetween(at("2026-09-30T12:00"), at("2026-10-08T12:00"), pauses), EXACT);
    }

    @Test
    void rejectsFromAfterTo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CALENDAR_2026.workingDaysBetween(at("2026-03-09T10:00"), at("2026-03-09T09:00")));

        assertEquals("from 2026-03-09T02:00:00Z is after to 2026-03-09T01:00:00Z", e.getMessage());
    }

    @Test
    void rejectsPauseEndingBeforeItStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Interval(at("2026-03-09T10:00"), at("2026-03-09T09:00")));

        assertEquals("pause ends at 2026-03-09T01:00:00Z, before its start 2026-03-09T02:00:00Z", e.getMessage());
    }

    @Test
    void rejectsMakeUpDayOnAWeekday() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkingDayCalendar(Set.of(), Set.of(LocalDate.of(2026, 9, 21))));

        assertEquals("make-up working day 2026-09-21 is a MONDAY; make-up working days must fall on a Saturday"
                + " or Sunday", e.getMessage());
    }

    @Test
    void rejectsDayThatIsBothHolidayAndMakeUpDay() {
        Set<LocalDate> both = Set.of(LocalDate.of(2026, 10, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkingDayCalendar(both, both));

        assertEquals("2026-10-03 is listed both as a holiday and as a make-up working day", e.getMessage());
    }
    @Test
    void instantAfterWorkingDaysSkipsTheWeekend() {
        assertEquals(Optional.of(at("2026-03-09T10:00")),
                CALENDAR_2026.instantAfterWorkingDays(at("2026-03-06T10:00"), 1.0, List.of()));
    }

    @Test
    void instantAfterWorkingDaysSkipsHolidaysAndPauses() {
        List<Interval> pauses = List.of(new Interval(at("2026-09-30T00:00"), at("2026-10-08T06:00")));

        assertEquals(Optional.of(at("2026-10-08T18:00")),
                CALENDAR_2026.instantAfterWorkingDays(at("2026-09-29T12:00"), 1.0, pauses));
    }

    @Test
    void instantAfterWorkingDaysInvertsWorkingDaysBetween() {
        List<Interval> pauses = List.of(new Interval(at("2026-03-10T12:00"), at("2026-03-11T12:00")));
        Instant from = at("2026-03-09T07:30");
        for (double days : new double[] {0.1, 0.5, 1.0, 2.3, 7.75}) {
            Instant reached = CALENDAR_2026.instantAfterWorkingDays(from, days, pauses).orElseThrow();
            assertEquals(days, CALENDAR_2026.workingDaysBetween(from, reached, pauses), 1e-9);
        }
    }

    @Test
    void instantAfterZeroWorkingDaysIsTheStart() {
        assertEquals(Optional.of(at("2026-03-07T10:00")),
                CALENDAR_2026.instantAfterWorkingDays(at("2026-03-07T10:00"), 0, List.of()));
    }

    @Test
    void pauseWithoutEndMeansTheTimeNeverRunsOut() {
        assertEquals(Optional.empty(), CALENDAR_2026.instantAfterWorkingDays(at("2026-03-09T00:00"), 2.0,
                List.of(Interval.open(at("2026-03-10T00:00")))));
    }
    @Test
    void nextCountingInstantSkipsTheWeekendAndPauses() {
        List<Interval> pauses = List.of(new Interval(at("2026-03-09T00:00"), at("2026-03-09T08:00")));

        assertEquals(Optional.of(at("2026-03-09T08:00")), CALENDAR_2026.nextCountingInstant(at("2026-03-07T10:00"), pauses));
        assertEquals(Optional.of(at("2026-03-10T10:00")), CALENDAR_2026.nextCountingInstant(at("2026-03-10T10:00"), pauses));
        assertEquals(Optional.empty(),
                CALENDAR_2026.nextCountingInstant(at("2026-03-10T10:00"), List.of(Interval.open(at("2026-03-10T09:00")))));
    }
}
