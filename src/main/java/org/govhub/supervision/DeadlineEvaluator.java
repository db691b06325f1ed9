package org.govhub.supervision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.govhub.supervision.WorkingDayCalendar.Interval;

/**
 * Red and yellow cards (红黄牌) for the promised time limit (承诺时限) of a case, as a pure function
 * of the case's clock, the yellow share from the rules repository and the current instant.
 *
 * <p>Time counts in working days of the {@link WorkingDayCalendar}; suspension (暂停) and correction
 * (补正) intervals stop the clock. A case gets a <b>yellow</b> card from the instant it has used the
 * yellow share of its promised working days (80 % by default), and a <b>red</b> card once it has used
 * more than all of them. A finished case is judged at its finishing instant: finishing stops the clock.
 */
public final class DeadlineEvaluator {

    public enum Level { NONE, YELLOW, RED }

    /**
     * What a case's deadline depends on. {@code finishedAt} is null while the case is open; a pause
     * without end (a suspension not yet resumed) holds the clock until it ends.
     */
    public record CaseClock(Instant acceptedAt, double promisedWorkingDays, List<Interval> pauses, Instant finishedAt) {
        public CaseClock {
            Objects.requireNonNull(acceptedAt, "acceptedAt");
            if (!(promisedWorkingDays > 0) || Double.isInfinite(promisedWorkingDays)) {
                throw new IllegalArgumentException("promised working days must be a finite number > 0, not "
                        + promisedWorkingDays);
            }
            pauses = pauses == null ? List.of() : List.copyOf(pauses);
        }
    }

    /**
     * The level at the evaluated instant, the working days used so far, and the instants at which the
     * yellow share is reached and after which the promised time is exceeded (null while a pause without end
     * stops the clock before them). The red card holds from just after {@code redFrom}: the promise used up,
     * at the moment time counts again (a promise used up on Friday evening is exceeded on Monday at 00:00).
     */
    public record Evaluation(Level level, double elapsedWorkingDays, Instant yellowFrom, Instant redFrom) {
    }

    private final WorkingDayCalendar calendar;

    public DeadlineEvaluator(WorkingDayCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    /**
     * @param yellowSharePercent share of the promised time, 1 to 99, from which the yellow card holds
     * @param now                the instant to evaluate at (the hub clock)
     */
    public Evaluation evaluate(CaseClock clock, int yellowSharePercent, Instant now) {
        Objects.requireNonNull(now, "now");
        if (yellowSharePercent < 1 || yellowSharePercent > 99) {
            throw new IllegalArgumentException("yellow share must be 1 to 99 %, not " + yellowSharePercent);
        }
        Instant yellowFrom = calendar.instantAfterWorkingDays(clock.acceptedAt(),
                clock.promisedWorkingDays() * yellowSharePercent / 100.0, clock.pauses()).orElse(null);
        // Exceeded only once time counts again after the promise is used up: a promise used up at the end of
        // Friday is not exceeded over the weekend.
        Instant redFrom = calendar.instantAfterWorkingDays(clock.acceptedAt(), clock.promisedWorkingDays(),
                clock.pauses()).flatMap(usedUp -> calendar.nextCountingInstant(usedUp, clock.pauses())).orElse(null);
        Instant end = clock.finishedAt() != null && clock.finishedAt().isBefore(now) ? clock.finishedAt() : now;
        if (end.isBefore(clock.acceptedAt())) {
            return new Evaluation(Level.NONE, 0, yellowFrom, redFrom);
        }
        double elapsed = calendar.workingDaysBetween(clock.acceptedAt(), end, clock.pauses());
        Level level = Level.NONE;
        if (redFrom != null && end.isAfter(redFrom)) {
            level = Level.RED;
        } else if (yellowFrom != null && !end.isBefore(yellowFrom)) {
            level = Level.YELLOW;
        }
        return new Evaluation(level, elapsed, yellowFrom, redFrom);
    }
}
