package org.vertreg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.vertreg.dicom.CtSeriesWriter;
import org.vertreg.dicom.SegmentationWriter;
import org.vertreg.imaging.LabelMap;
import org.vertreg.imaging.NiftiReader;
import org.vertreg.imaging.Volume;
import org.vertreg.imaging.VolumeGrid;

/** {@code dicomize}: turns a NIfTI CT, and optionally its label map, into a DICOM CT series and a DICOM Segmentation. */
public final class Dicomize {

    static final String USAGE = """
            usage: dicomize --ct CT.nii[.gz] [--labels LABELS.nii[.gz]] --out DIR
                            [--patient-id ID] [--patient-name NAME] [--study-description TEXT]
                            [--label-names totalseg|tptbox|none]
                   dicomize --ct-dicom SERIES_DIR --labels LABELS.nii[.gz] --out DIR [--label-names ...]
              Writes DIR/ct/ct-NNNN.dcm (CT Image Storage, one file per slice, a new study) and, with --labels,
              DIR/seg/seg.dcm (a DICOM Segmentation of that series, one segment per label).
              With --ct-dicom, the CT is an existing DICOM series (such as the one a PACS sent the node) and
              only DIR/seg/seg.dcm is written, referencing it: the way to import a NIfTI label map made for it.
              --patient-id         defaults to the CT file name without extension
              --label-names        names segments after TotalSegmentator v2 "total" ids (26 = S1 … 50 = C1) or
                                   TPTBox/VerSe ids (1 = C1 … 24 = L5); default none ("Label N")
              Exit code 0 on success, 2 on any error.
            """;

    /** TotalSegmentator v2 "total" task: 26 = vertebrae_S1, 27 = L5 … 31 = L1, 32 = T12 … 43 = T1, 44 = C7 … 50 = C1. */
    public static final Map<Integer, String> TOTALSEG_VERTEBRAE = vertebrae(26, List.of("S1", "L5", "L4", "L3", "L2", "L1",
            "T12", "T11", "T10", "T9", "T8", "T7", "T6", "T5", "T4", "T3", "T2", "T1", "C7", "C6", "C5", "C4", "C3", "C2", "C1"));
    /** TPTBox (VerSe) vertebra ids: 1 = C1 … 7 = C7, 8 = T1 … 19 = T12, 20 = L1 … 24 = L5. */
    public static final Map<Integer, String> TPTBOX_VERTEBRAE = vertebrae(1, List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7",
            "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"));

    private Dicomize() {}

    static final CommandLine.Command COMMAND = new CommandLine.Command("dicomize", USAGE, Dicomize::parse, Dicomize::convert);

    private static Map<String, String> parse(String[] args) {
        List<String> known = List.of("--ct", "--ct-dicom", "--labels", "--out", "--patient-id", "--patient-name", "--study-description",
                "--label-names");
        Map<String, String> options = new HashMap<>();
        for (int a = 0; a < args.length; a++) {
            if (args[a].equals("--help") || args[a].equals("-h")) {
                return Map.of("--help", "");
            }
            if (!known.contains(args[a])) {
                throw new IllegalArgumentException("unknown option " + args[a]);
            }
            if (a + 1 == args.length) {
                throw new IllegalArgumentException(args[a] + " needs a value");
            }
            if (options.put(args[a], args[++a]) != null) {
                throw new IllegalArgumentException(args[a - 1] + " given twice");
            }
        }
        if (options.containsKey("--ct") == options.containsKey("--ct-dicom")) {
            throw new IllegalArgumentException("give either --ct or --ct-dicom");
        }
        if (options.containsKey("--ct-dicom") && !options.containsKey("--labels")) {
            throw new IllegalArgumentException("--ct-dicom needs --labels");
        }
        if (!options.containsKey("--out")) {
            throw new IllegalArgumentException("--out is required");
        }
        if (!List.of("totalseg", "tptbox", "none").contains(options.getOrDefault("--label-names", "none"))) {
            throw new IllegalArgumentException("--label-names must be totalseg, tptbox or none");
        }
        return options;
    }

    private static void convert(Map<String, String> o, PrintStream out) throws IOException {
        if (o.containsKey("--ct-dicom")) {
            segmentExistingSeries(o, out);
            return;
        }
        Path ctFile = Path.of(o.get("--ct")), outDir = Path.of(o.get("--out"));
        Path ctDir = outDir.resolve("ct"), segFile = outDir.resolve("seg").resolve("seg.dcm");
        // Refuse to mix a new series into old files: the directory is the series.
        if (isNonEmptyDirectory(ctDir) || Files.exists(segFile)) {
            throw new IllegalArgumentException(outDir + " already holds ct/ or seg/seg.dcm; choose a new --out");
        }
        Volume ct = NiftiReader.readVolume(ctFile);
        LabelMap labels = null;
        if (o.containsKey("--labels")) {
            labels = NiftiReader.readLabels(Path.of(o.get("--labels")));
            if (!labels.grid().sameGeometry(ct.grid(), 0.01)) {
                throw new IllegalArgumentException("the labels' grid " + labels.grid() + " differs from the CT's " + ct.grid());
            }
            labels = new LabelMap(ct.grid(), labels.labels());  // identical positions in the CT and the SEG
        }
        String stem = NiftiReader.stem(ctFile);
        CtSeriesWriter.Options ctOptions = CtSeriesWriter.Options.defaults()
                .withPatientId(o.getOrDefault("--patient-id", stem.length() > 64 ? stem.substring(0, 64) : stem))
                .withPatientName(o.getOrDefault("--patient-name", ""))
                .withStudyDescription(o.getOrDefault("--study-description", ""));
        CtSeriesWriter.WrittenSeries series = new CtSeriesWriter().write(ct, ctOptions, ctDir);
        out.printf("wrote %d CT slices (%s) to %s%n  Study Instance UID %s%n  Series Instance UID %s%n", series.files().size(),
                gridSummary(ct), ctDir, series.studyInstanceUid(), series.seriesInstanceUid());
        if (labels == null) {
            return;
        }
        if (labels.presentLabels().length == 0) {
            out.println("the label map holds no labels: no segmentation written");
            return;
        }
        writeSegmentation(labels, series.files(), stem, o, segFile, out);
    }

    /** Labels in NIfTI for a CT that exists only as DICOM: a Segmentation referencing that series. */
    private static void segmentExistingSeries(Map<String, String> o, PrintStream out) throws IOException {
        Path segFile = Path.of(o.get("--out")).resolve("seg").resolve("seg.dcm");
        if (Files.exists(segFile)) {
            throw new IllegalArgumentException(segFile + " already exists; choose a new --out");
        }
        CtSeriesFolder series = CtSeriesFolder.read(Path.of(o.get("--ct-dicom")));
        List<Path> ctFiles = series.files();
        VolumeGrid grid = series.volume().grid();
        LabelMap labels = NiftiReader.readLabels(Path.of(o.get("--labels"))).onGrid(grid); // same voxels, maybe another axis order
        out.printf("read the DICOM CT series (%d files, %dx%dx%d voxels)%n", ctFiles.size(), grid.nx(), grid.ny(), grid.nz());
        if (labels.presentLabels().length == 0) {
            out.println("the label map holds no labels: no segmentation written");
            return;
        }
        String stem = NiftiReader.stem(Path.of(o.get("--labels")));
        writeSegmentation(labels, ctFiles, stem, o, segFile, out);
    }

    private static void writeSegmentation(LabelMap labels, List<Path> ctFiles, String stem, Map<String, String> o, Path segFile,
                                          PrintStream out) throws IOException {
        String names = o.getOrDefault("--label-names", "none");
        SegmentationWriter.Options segOptions = new SegmentationWriter.Options("Segmentation of " + stem,
                names.equals("totalseg") ? "TotalSegmentator" : "",
                names.equals("totalseg") ? TOTALSEG_VERTEBRAE : names.equals("tptbox") ? TPTBOX_VERTEBRAE : Map.of());
        SegmentationWriter.WrittenSegmentation seg = new SegmentationWriter().write(labels, ctFiles, segOptions, segFile);
        out.printf("wrote segmentation with %d segments to %s%n  Series Instance UID %s%n", seg.segments().size(), segFile, seg.seriesInstanceUid());
        for (SegmentationWriter.Segment s : seg.segments()) {
            out.printf("  segment %d: label %d \"%s\", %d frames%n", s.number(), s.labelId(), s.label(), s.frames());
        }
    }

    private static String gridSummary(Volume ct) {
        VolumeGrid g = ct.grid();
        return String.format("%dx%dx%d voxels of %.3fx%.3fx%.3f mm", g.nx(), g.ny(), g.nz(), g.spacing()[0], g.spacing()[1], g.spacing()[2]);
    }

    private static boolean isNonEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static Map<Integer, String> vertebrae(int firstId, List<String> names) {
        return IntStream.range(0, names.size()).boxed().collect(Collectors.toUnmodifiableMap(i -> firstId + i, names::get));
    }
}
