package org.vertreg.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Moving labels onto a grid that lists the same voxels in another order. */
class LabelMapTest {

    @Test
    void flippedAndPermutedGridKeepsEveryLabelInPlace() {
        VolumeGrid source = VolumeGrid.axisAligned(4, 3, 2, new double[] {1, 2, 3}, new double[] {10, 20, 30});
        short[] values = new short[source.voxelCount()];
        for (int v = 0; v < values.length; v++) {
            values[v] = (short) (v + 1);
        }
        LabelMap labels = new LabelMap(source, values);
        // i runs along -y (3 voxels), j along +x (4), k along -z (2): same centres, other order.
        double[] lastCorner = source.toPatient(0, 2, 1);
        VolumeGrid target = new VolumeGrid(3, 4, 2, new double[] {2, 1, 3}, lastCorner, new double[] {0, 1, 0, -1, 0, 0, 0, 0, -1});
        LabelMap moved = labels.onGrid(target, 0.1);
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 3; i++) {
                    double[] p = target.toPatient(i, j, k);
                    double[] q = source.toIndex(p[0], p[1], p[2]);
                    assertEquals(labels.at((int) Math.round(q[0]), (int) Math.round(q[1]), (int) Math.round(q[2])), moved.at(i, j, k));
                }
            }
        }
    }

    @Test
    void gridWithOtherVoxelsIsRefused() {
        VolumeGrid source = VolumeGrid.axisAligned(4, 3, 2, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        LabelMap labels = new LabelMap(source, new short[source.voxelCount()]);
        VolumeGrid shifted = VolumeGrid.axisAligned(4, 3, 2, new double[] {1, 1, 1}, new double[] {0.5, 0, 0});
        assertThrows(IllegalArgumentException.class, () -> labels.onGrid(shifted, 0.1));
    }
}
