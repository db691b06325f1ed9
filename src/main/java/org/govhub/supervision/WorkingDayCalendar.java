package org.govhub.supervision;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Working days for time limits: Monday to Friday, minus public holidays, plus make-up working
 * days (调休, weekend days on which offices work).
 *
 * <p>Elapsed working time is measured in working days: each working day counts fully (all 24
 * hours of it, not office hours), a non-working day counts nothing, and a partly covered day
 * counts the covered fraction of its length in the calendar's zone. So Friday 10:00 to Monday
 * 10:00 is 14/24 + 10/24 = 1.0 working day.
 */
public final class WorkingDayCalendar {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /** A pause (suspension 暂停, correction 补正); a null end means still paused. */
    public record Interval(Instant start, Instant end) {
        public Interval {
            Objects.requireNonNull(start, "pause start");
            if (end != null && end.isBefore(start)) {
                throw new IllegalArgumentException("pause ends at " + end + ", before its start " + start);
            }
        }

        public static Interval open(Instant start) {
            return new Interval(start, null);
        }
    }

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkingDays;
    private final ZoneId zone;

    public WorkingDayCalendar(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkingDays, ZoneId zone) {
        this.holidays = Set.copyOf(holidays);
        this.makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
        this.zone = Objects.requireNonNull(zone, "zone");
        for (LocalDate day : this.makeUpWorkingDays) {
            if (this.holidays.contains(day)) {
                throw new IllegalArgumentException(day + " is listed both as a holiday and as a make-up working day");
            }
            if (!isWeekend(day)) {
                throw new IllegalArgumentException("make-up working day " + day + " is a " + day.getDayOfWeek()
                        + "; make-up working days must fall on a Saturday or Sunday");
            }
        }
    }

    public WorkingDayCalendar(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkingDays) {
        this(holidays, makeUpWorkingDays, DEFAULT_ZONE);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        if (holidays.contains(day)) {
            return false;
        }
        return makeUpWorkingDays.contains(day) || !isWeekend(day);
    }

    /**
     * The day that is {@code n} working days after {@code start} (before it when n is negative);
     * {@code start} itself is not counted, and n = 0 returns {@code start} unchanged.
     */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        int step = n >= 0 ? 1 : -1;
        LocalDate day = start;
        for (int remaining = Math.abs(n); remaining > 0; ) {
            day = day.plusDays(step);
            if (isWorkingDay(day)) {
                remaining--;
            }
        }
        return day;
    }

    /** Working days elapsed between two instants; see the class comment for how days count. */
    public double workingDaysBetween(Instant from, Instant to) {
        return workingDaysBetween(from, to, List.of());
    }

    /**
     * Working days elapsed between two instants, leaving out the paused time. Pauses may overlap
     * each other or stick out of [from, to]; time covered by several pauses is left out once.
     */
    public double workingDaysBetween(Instant from, Instant to, List<Interval> pauses) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        double total = 0;
        Instant cursor = from;
        for (Interval pause : mergedWithin(pauses, from, to)) {
            total += workingDaysWithin(cursor, pause.start());
            cursor = pause.end();
        }
        return total + workingDaysWithin(cursor, to);
    }

    /**
     * The first instant at which {@code workingDays} working days have elapsed since {@code from},
     * leaving out the paused time: the inverse of {@link #workingDaysBetween(Instant, Instant, List)}.
     * Empty when the time never runs out: a pause without end stops the clock before it does.
     */
    public Optional<Instant> instantAfterWorkingDays(Instant from, double workingDays, List<Interval> pauses) {
        Objects.requireNonNull(from, "from");
        if (!(workingDays >= 0) || Double.isInfinite(workingDays)) {
            throw new IllegalArgumentException("working days must be a finite number >= 0, not " + workingDays);
        }
        if (workingDays == 0) {
            return Optional.of(from);
        }
        Instant horizon = from.plus(HORIZON);
        // Counted in nanoseconds of a 24-hour day, so thresholds such as 80 % of 4 days land on the
        // nanosecond instead of one floating-point step after it.
        long remaining = Math.round(workingDays * NANOS_PER_DAY);
        Instant cursor = from;
        List<Interval> merged = new ArrayList<>(mergedWithin(pauses, from, horizon));
        merged.add(new Interval(horizon, horizon));
        for (Interval pause : merged) {
            for (LocalDate day = LocalDate.ofInstant(cursor, zone); ; day = day.plusDays(1)) {
                Instant dayStart = day.atStartOfDay(zone).toInstant();
                if (!dayStart.isBefore(pause.start())) {
                    break;
                }
                Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
                if (!isWorkingDay(day)) {
                    continue;
                }
                Instant segmentStart = max(cursor, dayStart);
                long dayNanos = Duration.between(dayStart, dayEnd).toNanos();
                long available = Duration.between(segmentStart, min(pause.start(), dayEnd)).toNanos();
                long availableDayShare = scale(available, NANOS_PER_DAY, dayNanos);
                if (remaining <= availableDayShare) {
                    return Optional.of(segmentStart.plusNanos(Math.min(available, scaleUp(remaining, dayNanos))));
                }
                remaining -= availableDayShare;
            }
            cursor = pause.end();
        }
        return Optional.empty();
    }

    private static final long NANOS_PER_DAY = Duration.ofDays(1).toNanos();

    /** {@code nanos} of a day {@code dayNanos} long, as nanoseconds of a 24-hour day (rounded). */
    private static long scale(long nanos, long to, long dayNanos) {
        return dayNanos == to ? nanos : Math.round((double) nanos * to / dayNanos);
    }

    /** Wall-clock nanoseconds of a day {@code dayNanos} long that make {@code dayShare} 24-hour-day nanoseconds. */
    private static long scaleUp(long dayShare, long dayNanos) {
        return dayNanos == NANOS_PER_DAY ? dayShare : (long) Math.ceil((double) dayShare * dayNanos / NANOS_PER_DAY);
    }

    /**
     * The first instant from {@code at} on at which time counts again: on a working day and outside every
     * pause. {@code at} itself when it already counts; empty when a pause without end holds it.
     */
    public Optional<Instant> nextCountingInstant(Instant at, List<Interval> pauses) {
        Objects.requireNonNull(at, "at");
        Instant horizon = at.plus(HORIZON);
        List<Interval> merged = mergedWithin(pauses, at, horizon);
        Instant cursor = at;
        while (cursor.isBefore(horizon)) {
            Instant moved = cursor;
            for (Interval pause : merged) {
                if (!moved.isBefore(pause.start()) && moved.isBefore(pause.end())) {
                    moved = pause.end();
                }
            }
            LocalDate day = LocalDate.ofInstant(moved, zone);
            while (!isWorkingDay(day)) {
                day = day.plusDays(1);
                moved = day.atStartOfDay(zone).toInstant();
            }
            if (moved.equals(cursor)) {
                return Optional.of(cursor);
            }
            cursor = moved;
        }
        return Optional.empty();
    }

    /** Time limits longer than this are treated as never running out. */
    private static final Duration HORIZON = Duration.ofDays(366L * 50);

    /** The pauses clipped to [from, to], sorted and merged so that none overlap. */
    private static List<Interval> mergedWithin(List<Interval> pauses, Instant from, Instant to) {
        List<Interval> clipped = new ArrayList<>();
        for (Interval pause : pauses) {
            Instant start = max(pause.start(), from);
            Instant end = pause.end() == null ? to : min(pause.end(), to);
            if (start.isBefore(end)) {
                clipped.add(new Interval(start, end));
            }
        }
        clipped.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval pause : clipped) {
            Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !pause.start().isAfter(last.end())) {
                merged.set(merged.size() - 1, new Interval(last.start(), max(last.end(), pause.end())));
            } else {
                merged.add(pause);
            }
        }
        return merged;
    }

    private double workingDaysWithin(Instant from, Instant to) {
        double total = 0;
        for (LocalDate day = LocalDate.ofInstant(from, zone); ; day = day.plusDays(1)) {
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            if (!dayStart.isBefore(to)) {
                return total;
            }
            Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            if (isWorkingDay(day)) {
                long covered = Duration.between(max(from, dayStart), min(to, dayEnd)).toNanos();
                total += (double) covered / Duration.between(dayStart, dayEnd).toNanos();
            }
        }
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
