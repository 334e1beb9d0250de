package io.readpulse.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.DecayWindow;
import org.junit.jupiter.api.Test;

class PublicationPriorTest {
    /** Two days of hours with {@code reads} from hour {@code debut} on, one value per hour since debut. */
    static long[] debutAt(int debut, long... reads) {
        long[] hours = new long[48];
        for (int age = 0; age < reads.length; age++) {
            hours[debut + age] = reads[age];
        }
        return hours;
    }

    @Test
    void theCurveIsTheMedianOfEachHourSinceDebut() {
        PublicationPrior.Builder builder = PublicationPrior.builder(40);
        long[][] firstHours = {{10, 50}, {20, 40}, {30, 30}, {40, 20}, {50, 10}};
        for (int i = 0; i < firstHours.length; i++) {
            builder.add("world", debutAt(10 + i, firstHours[i]));
        }
        PublicationPrior prior = builder.build();
        // At age 1.0 exactly: hour 0 complete (median 30), decayed by half an hour's 1h decay.
        double lambda = DecayWindow.ONE_HOUR.lambdaPerSecond();
        PublicationPrior.Expectation atOneHour = prior.expectation(DecayWindow.ONE_HOUR, "world", 1.0).orElseThrow();
        assertEquals(30 * Math.exp(-lambda * 1_800), atOneHour.expected(), 1e-9);
        assertTrue(atOneHour.fromSection());
        // At 1.5 h: hour 0 (30) decayed 1 h, and half of hour 1 (median 30) decayed a quarter hour.
        assertEquals(30 * Math.exp(-lambda * 3_600) + 15 * Math.exp(-lambda * 900),
                prior.expectation(DecayWindow.ONE_HOUR, "world", 1.5).orElseThrow().expected(), 1e-9);
    }

    @Test
    void aSectionWithTooFewDebutsFallsBackToTheSite() {
        PublicationPrior.Builder builder = PublicationPrior.builder(40);
        for (int i = 0; i < 4; i++) {
            builder.add("business", debutAt(10 + i, 100));
            builder.add("sport", debutAt(10 + i, 2));
        }
        PublicationPrior prior = builder.build();
        PublicationPrior.Expectation business = prior.expectation(DecayWindow.ONE_DAY, "business", 0.5).orElseThrow();
        assertFalse(business.fromSection());
        assertEquals(prior.expectation(DecayWindow.ONE_DAY, null, 0.5).orElseThrow().expected(), business.expected(), 1e-12);
        // Eight debuts on the site, the median of 100s and 2s: 51 reads in the first hour.
        assertEquals(51 * 0.5 * Math.exp(-DecayWindow.ONE_DAY.lambdaPerSecond() * 900), business.expected(), 1e-9);
    }

    @Test
    void onlyRealDebutsAndCompleteHoursCount() {
        PublicationPrior.Builder builder = PublicationPrior.builder(30);
        for (int i = 0; i < 10; i++) {
            // Read from yesterday's first hour: it may be older than the two days, so it is no debut.
            builder.add(null, debutAt(0, 500, 500));
        }
        for (int i = 0; i < 5; i++) {
            // Debuts at 26:00-28:00 with the current hour (30) not over: ages 0-1 at most, from the three earliest.
            builder.add(null, debutAt(26 + i, 4, 4, 4, 4, 4));
        }
        PublicationPrior prior = builder.build();
        assertEquals(4, prior.debuts(), "the hour-0 articles and the debut in the current hour are left out");
        assertFalse(prior.expectation(DecayWindow.ONE_HOUR, null, 0.5).isPresent(), "four debuts are fewer than five");
        assertTrue(PublicationPrior.none().expectation(DecayWindow.ONE_HOUR, null, 0.5).isEmpty());
        assertTrue(businessAge(48).isEmpty(), "the prior covers two days");
    }

    private static java.util.Optional<PublicationPrior.Expectation> businessAge(double age) {
        PublicationPrior.Builder builder = PublicationPrior.builder(48);
        for (int i = 0; i < 5; i++) {
            builder.add("business", debutAt(1 + i, 1));
        }
        return builder.build().expectation(DecayWindow.ONE_HOUR, "business", age);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, PublicationPrior.median(new long[]{4, 1, 3, 2}, 4), 1e-12);
        assertEquals(3, PublicationPrior.median(new long[]{5, 3, 1, 99}, 3), 1e-12);
        assertEquals(0, PublicationPrior.median(new long[0], 0), 1e-12);
    }
}
