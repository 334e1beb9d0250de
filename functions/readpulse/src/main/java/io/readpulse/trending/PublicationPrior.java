package io.readpulse.trending;

import io.readpulse.aggregate.DecayWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a new article of a site usually does in its first two days: the median reads in each hour
 * since its debut (its first hour with reads), per section and for the whole site, from the
 * articles that debuted in the two UTC days a full load reads anyway. A new article is judged
 * against it instead of against one read a day.
 *
 * <p>Built at each full load from the hourly reads already in hand (no extra read, no write) and
 * kept by the instance with the rest of the site. An article whose first read is at 00:00 of the
 * first day may be older than the two days, so it is left out. Only articles with a trusted
 * description are added (see {@code TrendingService.publicationPrior}): a browser's claim is no sample. A section's curve is used only
 * where at least {@value #MIN_DEBUTS} of its debuts reached the age asked; else the site's, on the
 * same terms; else there is no prior and the article is not rising.
 */
public final class PublicationPrior {
    /** The hours since debut the prior covers: two days. */
    public static final int HOURS = 48;
    /** Fewer debuts than this at an age, and a curve says nothing there. */
    static final int MIN_DEBUTS = 5;
    private static final double SECONDS_PER_HOUR = 3_600;

    /** Median reads by hour since debut, and how many debuts reached each hour. */
    record Curve(double[] medians, int[] debuts) {
    }

    /** What a new article of this age is expected to hold in a window's decayed sum, and whose curve said so. */
    public record Expectation(double expected, boolean fromSection) {
    }

    private final Map<String, Curve> sections;
    private final Curve site;

    private PublicationPrior(Map<String, Curve> sections, Curve site) {
        this.sections = sections;
        this.site = site;
    }

    /** A prior with no debuts: every new article is judged "no prior yet". */
    public static PublicationPrior none() {
        return new PublicationPrior(Map.of(), new Curve(new double[HOURS], new int[HOURS]));
    }

    public static Builder builder(int completeHours) {
        return new Builder(completeHours);
    }

    /**
     * Collects debuts from two days' hourly reads (the first day's 24 hours, then the second's).
     */
    public static final class Builder {
        private final int completeHours;
        private final Map<String, List<long[]>> bySection = new HashMap<>();
        private final List<long[]> all = new ArrayList<>();

        /** @param completeHours how many of the 48 hours are over (the current hour is not) */
        private Builder(int completeHours) {
            this.completeHours = Math.min(HOURS, completeHours);
        }

        /**
         * Adds one article's reads by hour over the two days; ignored unless it debuted after the
         * first hour. The rest of the last hour is not over yet, so it is not part of any sample.
         *
         * @param sectionSlug the section it counts towards, or null for the site alone
         */
        public Builder add(String sectionSlug, long[] twoDaysOfHours) {
            if (!debutsWithin(twoDaysOfHours, completeHours)) {
                return this;
            }
            int debut = debutHour(twoDaysOfHours);
            long[] sinceDebut = Arrays.copyOfRange(twoDaysOfHours, debut, completeHours);
            all.add(sinceDebut);
            if (sectionSlug != null) {
                bySection.computeIfAbsent(sectionSlug, s -> new ArrayList<>()).add(sinceDebut);
            }
            return this;
        }

        public PublicationPrior build() {
            Map<String, Curve> curves = new HashMap<>();
            bySection.forEach((section, samples) -> {
                if (samples.size() >= MIN_DEBUTS) {
                    curves.put(section, curve(samples));
                }
            });
            return new PublicationPrior(curves, curve(all));
        }

        private static Curve curve(List<long[]> samples) {
            double[] medians = new double[HOURS];
            int[] debuts = new int[HOURS];
            long[] values = new long[samples.size()];
            for (int age = 0; age < HOURS; age++) {
                int count = 0;
                for (long[] sample : samples) {
                    if (sample.length > age) {
                        values[count++] = sample[age];
                    }
                }
                debuts[age] = count;
                medians[age] = median(values, count);
            }
            return new Curve(medians, debuts);
        }
    }

    /**
     * Whether two days' hourly reads show a debut the prior can use: a first read after the first
     * hour (an article read at 00:00 of the first day may be older) and before the current hour.
     */
    public static boolean debutsWithin(long[] twoDaysOfHours, int completeHours) {
        int debut = debutHour(twoDaysOfHours);
        return debut > 0 && debut < Math.min(HOURS, completeHours);
    }

    private static int debutHour(long[] twoDaysOfHours) {
        int debut = 0;
        while (debut < twoDaysOfHours.length && twoDaysOfHours[debut] == 0) {
            debut++;
        }
        return debut;
    }

    /** The median of the first {@code count} values (which it sorts). */
    static double median(long[] values, int count) {
        if (count == 0) {
            return 0;
        }
        Arrays.sort(values, 0, count);
        int middle = count / 2;
        return count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
    }

    /**
     * The decayed value a typical new article holds {@code ageHours} after its debut:
     * {@code Σ_k median_k × decay(age − k − ½ h)} over its complete hours, the current hour counted
     * pro rata. The section's curve where it has enough debuts at that age, else the site's.
     *
     * @param sectionSlug the article's section from its trusted description, or null
     * @return empty when neither curve has {@value #MIN_DEBUTS} debuts that reached this age, or
     *     the age is outside the two days
     */
    public Optional<Expectation> expectation(DecayWindow window, String sectionSlug, double ageHours) {
        if (ageHours < 0 || ageHours >= HOURS) {
            return Optional.empty();
        }
        int lastAge = (int) Math.floor(ageHours);
        Curve section = sectionSlug == null ? null : sections.get(sectionSlug);
        boolean fromSection = section != null && section.debuts()[lastAge] >= MIN_DEBUTS;
        Curve curve = fromSection ? section : site;
        if (curve.debuts()[lastAge] < MIN_DEBUTS) {
            return Optional.empty();
        }
        double lambda = window.lambdaPerSecond();
        double expected = 0;
        for (int age = 0; age <= lastAge; age++) {
            double share = Math.min(1, ageHours - age);
            double middle = age + share / 2;
            expected += curve.medians()[age] * share * Math.exp(-lambda * (ageHours - middle) * SECONDS_PER_HOUR);
        }
        return Optional.of(new Expectation(expected, fromSection));
    }

    /** How many debuts the site's curve holds at its start (for logs and tests). */
    public int debuts() {
        return site.debuts()[0];
    }
}
