package org.govhub.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.govhub.supervision.WorkingDayCalendar.Interval;

/**
 * The time facts supervision derives from a case's steps, as pure functions: when the clock was stopped,
 * how many corrections there were, how long each stage (环节) and post (岗位) took in working days, and
 * how many working days were promised.
 *
 * <p>A pause starts when a {@code suspend} (暂停) or {@code correct} (补正) step starts and lasts until the
 * next step of another kind starts (normally {@code resume}; any step that shows the case being worked on
 * again ends it, except a {@code notify}, which may be sent during a pause). Steps count in the order of
 * their start times.
 */
public final class CaseTiming {
    private static final Set<String> PAUSING = Set.of("suspend", "correct");
    /** Steps that neither stop nor restart the clock: a notice sent while the case is suspended. */
    private static final Set<String> NEUTRAL = Set.of("notify");
    static final String CORRECT = "correct";

    private CaseTiming() {
    }

    /** One step as supervision needs it: its stage (the step's name), action, post and times. */
    public record TimedStep(String stage, String action, String post, Instant startedAt, Instant endedAt) {
    }

    /** Time spent in one stage or post by one case, and whether a correction was asked for there. */
    public record Part(double workingDays, boolean completedStep, boolean corrected) {
    }

    /** Steps with a start time, by start time (stable for equal starts). */
    static List<TimedStep> ordered(List<TimedStep> steps) {
        List<TimedStep> timed = new ArrayList<>(steps.stream().filter(s -> s.startedAt() != null).toList());
        timed.sort(Comparator.comparing(TimedStep::startedAt));
        return timed;
    }

    /** The intervals during which the clock stood still; the last may be open (still suspended). */
    public static List<Interval> pauses(List<TimedStep> steps) {
        List<Interval> pauses = new ArrayList<>();
        Instant pausedSince = null;
        for (TimedStep step : ordered(steps)) {
            if (NEUTRAL.contains(step.action())) {
                continue;
            }
            boolean pausing = PAUSING.contains(step.action());
            if (pausing && pausedSince == null) {
                pausedSince = step.startedAt();
            } else if (!pausing && pausedSince != null) {
                pauses.add(new Interval(pausedSince, step.startedAt()));
                pausedSince = null;
            }
        }
        if (pausedSince != null) {
            pauses.add(Interval.open(pausedSince));
        }
        return pauses;
    }

    public static int corrections(List<TimedStep> steps) {
        return (int) steps.stream().filter(s -> CORRECT.equals(s.action())).count();
    }

    /**
     * Working days each stage took: the sum over its steps that have both times, without the paused time.
     * Steps without a stage name are left out.
     */
    public static Map<String, Part> byStage(WorkingDayCalendar calendar, List<TimedStep> steps, List<Interval> pauses) {
        return parts(calendar, steps, pauses, TimedStep::stage);
    }

    /** The same per post (岗位); steps without a post are left out. */
    public static Map<String, Part> byPost(WorkingDayCalendar calendar, List<TimedStep> steps, List<Interval> pauses) {
        return parts(calendar, steps, pauses, TimedStep::post);
    }

    private static Map<String, Part> parts(WorkingDayCalendar calendar, List<TimedStep> steps, List<Interval> pauses,
            Function<TimedStep, String> key) {
        Map<String, Part> parts = new LinkedHashMap<>();
        for (TimedStep step : ordered(steps)) {
            String name = key.apply(step);
            if (name == null || name.isBlank()) {
                continue;
            }
            boolean completed = step.endedAt() != null && !step.endedAt().isBefore(step.startedAt());
            double days = completed ? calendar.workingDaysBetween(step.startedAt(), step.endedAt(), pauses) : 0;
            boolean corrected = CORRECT.equals(step.action());
            parts.merge(name.strip(), new Part(days, completed, corrected), (a, b) -> new Part(
                    a.workingDays() + b.workingDays(), a.completedStep() || b.completedStep(), a.corrected() || b.corrected()));
        }
        return parts;
    }

    /**
     * The promised time in working days: stated in working days, else the span to a promised deadline, else
     * the catalogue's limit (in working or calendar days). Zero (即办, on the spot) means by the end of the
     * working day of acceptance. Empty when nothing was promised or the deadline lies before acceptance.
     */
    public static OptionalDouble promisedWorkingDays(WorkingDayCalendar calendar, Instant acceptedAt,
            Integer statedWorkingDays, Instant promisedDeadline, Integer catalogueDays, boolean catalogueInCalendarDays) {
        if (statedWorkingDays != null && statedWorkingDays >= 0) {
            return workingDays(calendar, acceptedAt, statedWorkingDays);
        }
        if (promisedDeadline != null) {
            if (!promisedDeadline.isAfter(acceptedAt)) {
                return OptionalDouble.empty();
            }
            double days = calendar.workingDaysBetween(acceptedAt, promisedDeadline);
            return days > 0 ? OptionalDouble.of(days) : endOfWorkingDay(calendar, acceptedAt);
        }
        if (catalogueDays != null && catalogueDays >= 0) {
            if (!catalogueInCalendarDays || catalogueDays == 0) {
                return workingDays(calendar, acceptedAt, catalogueDays);
            }
            LocalDate accepted = LocalDate.ofInstant(acceptedAt, calendar.zone());
            Instant due = accepted.plusDays(catalogueDays + 1L).atStartOfDay(calendar.zone()).toInstant();
            double days = calendar.workingDaysBetween(acceptedAt, due);
            return days > 0 ? OptionalDouble.of(days) : endOfWorkingDay(calendar, acceptedAt);
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble workingDays(WorkingDayCalendar calendar, Instant acceptedAt, int days) {
        return days == 0 ? endOfWorkingDay(calendar, acceptedAt) : OptionalDouble.of(days);
    }

    /** What is left of the acceptance day if it is a working day, else of the next working day. */
    private static OptionalDouble endOfWorkingDay(WorkingDayCalendar calendar, Instant acceptedAt) {
        LocalDate day = LocalDate.ofInstant(acceptedAt, calendar.zone());
        if (!calendar.isWorkingDay(day)) {
            day = calendar.addWorkingDays(day, 1);
        }
        Instant end = day.plusDays(1).atStartOfDay(calendar.zone()).toInstant();
        return OptionalDouble.of(calendar.workingDaysBetween(acceptedAt, end));
    }
}
