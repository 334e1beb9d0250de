package io.readpulse.reports;

import io.readpulse.aggregate.CounterState;
import java.time.LocalDate;
import java.util.Map;

/** The reads the reports need beyond {@link io.readpulse.aggregate.CounterStore}. */
public interface ReportStore {
    /** The site's own counters ({@code "*"}) and each section's ({@code "sec:slug"}) for one day, by scope. */
    Map<String, CounterState> siteCountersOfDay(String site, LocalDate day);
}
