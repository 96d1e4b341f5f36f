package org.vertreg.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {

    @Test
    void rowsSurviveTheRoundTripAndAResumeDropsRowsBeyondItsCheckpoint(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("training.csv");
        TrainingLog log = TrainingLog.open(csv, -1);
        for (int e = 1; e <= 3; e++) {
            log.append(new TrainingLog.Row(e, 10L * e, 160L * e, 0.5 / e, 0.6 / e, 0.55 / e, 6e-5, 12.5 * e));
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(TrainingLog.HEADER, lines.get(0));
        assertEquals(4, lines.size());
        assertEquals("2.0000,20,320,0.250000,0.300000,0.275000,6.00000e-05,25.0", lines.get(2));

        TrainingLog resumed = TrainingLog.open(csv, 20);
        assertEquals(2, resumed.rows().size(), "the row of step 30 came after the checkpoint of step 20");
        assertEquals(0.25, resumed.rows().get(1).trainLoss(), 1e-9);
        assertEquals(3, Files.readAllLines(csv).size());

        TrainingLog fresh = TrainingLog.open(csv, -1);
        assertTrue(fresh.rows().isEmpty());
        assertEquals(List.of(TrainingLog.HEADER), Files.readAllLines(csv));
    }

    @Test
    void thePlotIsAPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("training.png");
        LossPlot.write(List.of(new TrainingLog.Row(1, 10, 160, 0.5, 0.6, 0.55, 1e-3, 1), new TrainingLog.Row(2, 20, 320, 0.1, 0.2, 0.15,
                1e-3, 2), new TrainingLog.Row(2.5, 25, 400, Double.NaN, 0.18, 0.12, 1e-3, 3)), png);
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(LossPlot.WIDTH, image.getWidth());
        assertEquals(LossPlot.HEIGHT, image.getHeight());
        LossPlot.write(List.of(), png); // an empty log still gives a picture
        assertTrue(Files.size(png) > 0);
    }
}
