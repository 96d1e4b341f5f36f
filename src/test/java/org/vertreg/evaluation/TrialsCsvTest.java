package org.vertreg.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vertreg.geometry.Pose;
import org.vertreg.geometry.PoseError;
import org.vertreg.registration.RegistrationError;

class TrialsCsvTest {

    @Test
    void oneLinePerRegistrationWithBothPosesAndTheErrors() {
        Pose truth = new Pose(1, -2, 3, 4, -5, 6), estimate = new Pose(1.5, -2, 3, 4, -7, 6);
        RegistrationError error = new RegistrationError(2.25, 0.5, 0.0486, new PoseError(0.5, 0, 0, 0, 2, 0, 0.5, 2));
        List<CaseTrials> cases = List.of(new CaseTrials("ct, left", "L3", List.of(new RegistrationTrial(7, truth, estimate, error, 12.5))));
        String[] lines = TrialsCsv.format(cases).split("\n");
        assertEquals(2, lines.length);
        assertEquals(TrialsCsv.HEADER, lines[0]);
        assertEquals("\"ct, left\",L3,7,1.00000,-2.00000,3.00000,4.00000,-5.00000,6.00000,1.50000,-2.00000,3.00000,4.00000,"
                + "-7.00000,6.00000,2.25000,0.500000,0.0486000,0.500000,12.5000,,,,,,,,,,,", lines[1]); // a single stage: no stage columns
    }
}
