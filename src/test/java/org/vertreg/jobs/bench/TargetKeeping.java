package org.vertreg.jobs.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vertreg.imaging.CroppedVertebra;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.NiftiWriter;
import org.vertreg.imaging.ProjectedAnatomy;
import org.vertreg.imaging.VertebraCrop;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;
import org.vertreg.jobs.RegistrationTargets;

/**
 * What keeping a registration's target saves per X-ray: getting a whole-CT model's target (the CT and its labels read from
 * the archive's gzip NIfTI, the vertebra cropped) from disk, beside getting it kept from the patient's last X-ray, on a CT
 * of a clinical size. Usage: {@code TargetKeeping [SLICES [RUNS]]} (512×512×SLICES, 0.8×0.8×1 mm, one box "vertebra").
 */
public final class TargetKeeping {
    public static void main(String[] args) throws Exception {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createDirectories(Path.of("target", "bench-targets").toAbsolutePath());
        VolumeGrid grid = VolumeGrid.axisAligned(512, 512, slices, new double[] {0.8, 0.8, 1.0}, new double[] {-204.8, -204.8, 0});
        float[] hu = new float[grid.voxelCount()];
        short[] labels = new short[grid.voxelCount()];
        java.util.Random random = new java.util.Random(7);
        for (int k = 0; k < slices; k++) {
            for (int j = 0; j < 512; j++) {
                for (int i = 0; i < 512; i++) {
                    int n = grid.index(i, j, k);
                    boolean body = (i - 256) * (i - 256) + (j - 256) * (j - 256) < 200 * 200;
                    boolean bone = Math.abs(i - 256) < 30 && Math.abs(j - 300) < 25 && Math.abs(k - slices / 2) < 15;
                    hu[n] = body ? (bone ? 700 : 40) + random.nextInt(30) : -1000;
                    labels[n] = (short) (bone ? 29 : 0);
                }
            }
        }
        Path ct = dir.resolve("ct.nii.gz"), lab = dir.resolve("labels.nii.gz");
        NiftiWriter.write(new Volume(grid, hu), ct);
        NiftiWriter.write(new LabelMap(grid, labels), lab);
        RegistrationTargets.Loader loader = () -> {
            Volume volume = NiftiReader.readVolume(ct);
            CroppedVertebra crop = VertebraCrop.byLabel(volume, NiftiReader.readLabels(lab).onGrid(volume.grid()), 29);
            return new RegistrationTargets.Target(crop, ProjectedAnatomy.WHOLE_CT.select(volume, crop));
        };
        double[] read = new double[runs], kept = new double[runs];
        RegistrationTargets targets = new RegistrationTargets(4L << 30);
        for (int r = -1; r < runs; r++) { // one warm-up run
            targets.clear();
            long t0 = System.nanoTime();
            if (targets.get("s/29", List.of(ct, lab), loader).kept()) {
                throw new IllegalStateException("kept after clear");
            }
            long t1 = System.nanoTime();
            if (!targets.get("s/29", List.of(ct, lab), loader).kept()) {
                throw new IllegalStateException("not kept");
            }
            long t2 = System.nanoTime();
            if (r >= 0) {
                read[r] = (t1 - t0) / 1e6;
                kept[r] = (t2 - t1) / 1e6;
            }
        }
        Arrays.sort(read);
        Arrays.sort(kept);
        System.out.printf(Locale.ROOT, "512x512x%d CT (%d MiB of voxels, %d MiB gzip NIfTI), %d runs: read from the archive median %.0f ms, "
                        + "max %.0f ms; kept median %.3f ms, max %.3f ms; kept / read %.5f%n", slices, 4L * grid.voxelCount() >> 20,
                (Files.size(ct) + Files.size(lab)) >> 20, runs, read[runs / 2], read[runs - 1], kept[runs / 2], kept[runs - 1],
                kept[runs / 2] / read[runs / 2]);
    }
}
