package org.vertreg.drr;

import java.nio.file.Path;
import java.util.Locale;
import org.vertreg.drr.bench.DrrBenchData;

/**
 * Writes the axis-aligned μ copy of the shared abdomen CT that plastimatch times on ({@code -P none}), and prints the
 * L3 centroid (the isocentre, LPS mm = the copy's frame) as "x y z". Used by {@code bench/drr-throughput.sh}.
 * <pre>java -cp ... org.vertreg.drr.PlastimatchBenchVolume OUT.mha</pre>
 */
public final class PlastimatchBenchVolume {
    private PlastimatchBenchVolume() {}

    public static void main(String[] args) throws Exception {
        DrrBenchData data = DrrBenchData.load();
        PlastimatchDrr.writeMha(PlastimatchDrr.axisAligned(data.wholeCt), Path.of(args[0]));
        System.out.printf(Locale.ROOT, "%.3f %.3f %.3f%n", data.centroid.x(), data.centroid.y(), data.centroid.z());
    }
}
