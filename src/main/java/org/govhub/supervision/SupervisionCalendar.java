package org.govhub.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.govhub.common.HubConfig;

/**
 * The working-day calendar of this node, built once from {@code hub.supervision.holidays},
 * {@code hub.supervision.make-up-working-days} and {@code hub.supervision.zone}; a malformed entry
 * stops the start with a message naming it.
 */
@ApplicationScoped
public class SupervisionCalendar {

    @Produces
    @Singleton
    WorkingDayCalendar calendar(HubConfig config) {
        HubConfig.Supervision settings = config.supervision();
        ZoneId zone;
        try {
            zone = ZoneId.of(settings.zone());
        } catch (DateTimeException e) {
            throw new IllegalStateException("hub.supervision.zone " + settings.zone() + " is not a time zone", e);
        }
        return new WorkingDayCalendar(days("hub.supervision.holidays", settings.holidays()),
                days("hub.supervision.make-up-working-days", settings.makeUpWorkingDays()), zone);
    }

    @Produces
    @Singleton
    DeadlineEvaluator evaluator(WorkingDayCalendar calendar) {
        return new DeadlineEvaluator(calendar);
    }

    /** Dates and inclusive ranges such as {@code 2026-10-01..2026-10-07}. */
    static Set<LocalDate> days(String property, List<String> entries) {
        Set<LocalDate> days = new LinkedHashSet<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                int range = entry.indexOf("..");
                if (range < 0) {
                    days.add(LocalDate.parse(entry));
                    continue;
                }
                LocalDate first = LocalDate.parse(entry.substring(0, range));
                LocalDate last = LocalDate.parse(entry.substring(range + 2));
                if (last.isBefore(first)) {
                    throw new IllegalStateException(property + ": range " + entry + " ends before it starts");
                }
                first.datesUntil(last.plusDays(1)).forEach(days::add);
            } catch (DateTimeException e) {
                throw new IllegalStateException(property + ": " + entry
                        + " is neither a date (2026-10-01) nor a range of dates (2026-10-01..2026-10-07)", e);
            }
        }
        return days;
    }
}
