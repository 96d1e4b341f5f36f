package org.vertreg.dicom;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.vertreg.testing.SharedData;

/** The shared real CT series (facts in each series' PROVENANCE.md); their absence fails the tests. */
final class CptacData {

    static final File ROOT = SharedData.path("ct").toFile();

    private CptacData() {}

    /** CPTAC-LSCC C3N-00247 chest CT: 99 slices, explicit VR little endian, 512×512, rescale -1024/1. */
    static List<File> chestSeries() {
        return files("cptac-lscc-c3n00247-chest/dicom");
    }

    /** One slice of the chest series, as a source for re-encoded copies. */
    static File slice() {
        return chestSeries().get(50);
    }

    /** TotalSegmentator example: 20 slices, JPEG 2000 lossless, 512×512, 2 mm apart. */
    static List<File> jpeg2000Series() {
        return files("totalseg-example-dicom-j2k/dicom");
    }

    private static List<File> files(String relative) {
        File dir = new File(ROOT, relative);
        File[] files = dir.listFiles(File::isFile);
        if (files == null || files.length == 0) {
            throw new IllegalStateException("test data not found: " + dir);
        }
        Arrays.sort(files);
        return List.of(files);
    }
}
