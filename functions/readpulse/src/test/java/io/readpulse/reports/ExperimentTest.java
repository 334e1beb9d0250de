package io.readpulse.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    @Test
    void wilsonIntervalsMatchPublishedValues() {
        // Newcombe (1998), table I: 81 of 263 gives 0.2553 to 0.3662.
        Experiment.Interval interval = Experiment.wilson(81, 263);
        assertEquals(0.2553, interval.low(), 0.0001);
        assertEquals(0.3662, interval.high(), 0.0001);
        Experiment.Interval none = Experiment.wilson(0, 20);
        assertEquals(0.0, none.low());
        assertEquals(0.1611, none.high(), 0.0001, "never below 0, and not empty at 0 clicks");
    }

    @Test
    void theNormalDistributionFunctionIsAccurate() {
        assertEquals(0.975, Experiment.normalCdf(1.959964), 1e-6);
        assertEquals(0.5, Experiment.normalCdf(0), 1e-7);
        assertEquals(0.0013499, Experiment.normalCdf(-3), 1e-6);
    }

    @Test
    void impressionsNeededFollowFleissFormula() {
        assertEquals(906, Experiment.impressionsNeeded(0.07, 0.04));
        // 5 % against 6 %: the textbook figure is 8,158 per arm.
        assertEquals(8158, Experiment.impressionsNeeded(0.05, 0.06));
        assertNull(Experiment.impressionsNeeded(0.05, 0.05), "equal rates can never be told apart");
    }

    @Test
    void eachArmIsComparedWithTheLeaderAndToldHowManyImpressionsItStillNeeds() {
        List<Experiment.Arm> arms = Experiment.compare(List.of(
                new Experiment.Tally("top-24h", 1000, 50), new Experiment.Tally("rising-1h", 1000, 60), new Experiment.Tally("fresh-1h", 0, 0)));

        Experiment.Arm leader = arms.get(0);
        Experiment.Arm second = arms.get(1);
        assertEquals("rising-1h", leader.arm());
        assertEquals("top-24h", leader.versus());
        assertEquals("rising-1h", second.versus());
        assertEquals(0.05, second.ctr());
        assertEquals(8158, second.impressionsNeeded());
        assertEquals(7158, second.impressionsStillNeeded());
        assertTrue(second.pValue() > 0.3 && second.pValue() < 0.4, "z = 0.98: " + second.pValue());
        assertEquals(leader.pValue(), second.pValue());
        assertNull(arms.get(2).ctr(), "an arm not yet shown has no rate");
    }
}
