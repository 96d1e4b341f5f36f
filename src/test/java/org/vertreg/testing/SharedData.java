package org.vertreg.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real CTs beside the repository ({@code ../shared/data}, or {@code VERTREG_SHARED_DATA}); their absence fails loudly. */
public final class SharedData {
    private SharedData() {
    }

    public static Path path(String relative) {
        String root = System.getenv().getOrDefault("VERTREG_SHARED_DATA", "../shared/data");
        Path p = Path.of(root).resolve(relative).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new IllegalStateException("shared test data missing: " + p + " (set VERTREG_SHARED_DATA)");
        }
        return p;
    }

    public static final String CPTAC_CHEST_DICOM = "ct/cptac-lscc-c3n00247-chest/dicom";
    public static final String J2K_DICOM = "ct/totalseg-example-dicom-j2k/dicom";
    public static final String J2K_LABELS = "ct/totalseg-example-dicom-j2k/example_seg_dicom.nii.gz";
    public static final String ABDOMEN_CT = "ct/totalseg-example-abdomen/example_ct.nii.gz";
    public static final String ABDOMEN_LABELS = "ct/totalseg-example-abdomen/totalseg_vertebrae.nii.gz";
}
