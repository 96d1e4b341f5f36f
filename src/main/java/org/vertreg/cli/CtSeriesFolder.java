package org.vertreg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vertreg.dicom.CtSliceReader;
import org.vertreg.imaging.AssemblyResult;
import org.vertreg.imaging.CtSlice;
import org.vertreg.imaging.SliceStackAssembler;
import org.vertreg.imaging.Volume;

/** A folder holding one DICOM CT series, assembled into a volume as the node assembles a received series. */
record CtSeriesFolder(List<Path> files, Volume volume) {

    static CtSeriesFolder read(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(Files::isRegularFile).sorted().toList();
        }
        List<CtSlice> slices = new ArrayList<>();
        for (Path f : files) {
            slices.addAll(CtSliceReader.read(f.toFile()));
        }
        if (slices.isEmpty()) {
            throw new IllegalArgumentException(folder + " holds no CT slices");
        }
        AssemblyResult assembled = new SliceStackAssembler().assemble(slices);
        if (assembled instanceof AssemblyResult.Unusable unusable) {
            throw new IllegalArgumentException("the DICOM CT series in " + folder + " cannot be assembled: " + unusable.reason());
        }
        return new CtSeriesFolder(files, ((AssemblyResult.Assembled) assembled).volume());
    }
}
