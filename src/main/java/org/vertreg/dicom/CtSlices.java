package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vertreg.imaging.VolumeGrid;

/**
 * The CT slice files of one series matched to a grid's slices k by Image Position (Patient), with what a derived object
 * (a segmentation) must reference and copy from them. Beside {@link CtSliceReader}, which reads the voxels.
 */
record CtSlices(AttributeList first, String[] sopClassUids, String[] sopInstanceUids) {

    String sopClassUid(int k) {
        return sopClassUids[k];
    }

    String sopInstanceUid(int k) {
        return sopInstanceUids[k];
    }

    static CtSlices match(VolumeGrid g, List<Path> files) throws IOException, DicomException {
        double[] s = g.spacing(), d = g.direction();
        double tolerance = g.positionTolerance();
        double[] expectedOrientation = {d[0], d[3], d[6], d[1], d[4], d[7]};
        String[] classes = new String[g.nz()], instances = new String[g.nz()];
        AttributeList first = null;
        for (Path file : files) {
            AttributeList l = new AttributeList();
            l.read(file.toFile(), TagFromName.PixelData);
            String series = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SeriesInstanceUID);
            if (first == null) {
                first = l;
            } else if (!series.equals(Attribute.getSingleStringValueOrEmptyString(first, TagFromName.SeriesInstanceUID))) {
                throw new IllegalArgumentException(file + " belongs to another series than " + files.get(0));
            }
            double[] position = Attribute.getDoubleValues(l, TagFromName.ImagePositionPatient);
            double[] orientation = Attribute.getDoubleValues(l, TagFromName.ImageOrientationPatient);
            if (position == null || position.length != 3 || orientation == null || orientation.length != 6) {
                throw new IllegalArgumentException(file + " has no Image Position/Orientation (Patient)");
            }
            for (int c = 0; c < 6; c++) {
                if (Math.abs(orientation[c] - expectedOrientation[c]) > 1e-3) {
                    throw new IllegalArgumentException(file + ": image orientation differs from the label grid's axes i, j");
                }
            }
            if (Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Rows, 0) != g.ny()
                    || Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Columns, 0) != g.nx()) {
                throw new IllegalArgumentException(file + ": rows × columns differ from the label grid's " + g.ny() + " × " + g.nx());
            }
            double[] ijk = g.toIndex(position[0], position[1], position[2]);
            int k = (int) Math.round(ijk[2]);
            if (Math.abs(ijk[0]) * s[0] > tolerance || Math.abs(ijk[1]) * s[1] > tolerance
                    || Math.abs(ijk[2] - k) * s[2] > tolerance || k < 0 || k >= g.nz()) {
                throw new IllegalArgumentException(file + " lies on no slice of the label grid " + g);
            }
            if (instances[k] != null) {
                throw new IllegalArgumentException(file + " repeats slice " + k);
            }
            classes[k] = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID);
            instances[k] = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID);
        }
        for (int k = 0; k < g.nz(); k++) {
            if (instances[k] == null) {
                throw new IllegalArgumentException("no CT file for slice " + k + " of the label grid");
            }
        }
        return new CtSlices(first, classes, instances);
    }
}
