package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

/**
 * What an image's own attributes say its pixel data holds (Image Pixel module, PS3.3 C.7.6.3): the size checks of
 * receipt use these, never a CT's assumptions.
 */
record ImagePixels(int rows, int columns, int frames, int samplesPerPixel, int bitsAllocated, String photometric) {

    /** The attributes, or why they cannot describe pixel data (a missing or non-positive value). */
    static ImagePixels of(AttributeList list) throws DicomStatusException {
        return new ImagePixels(required(list, TagFromName.Rows, "Rows (0028,0010)"),
                required(list, TagFromName.Columns, "Columns (0028,0011)"),
                Math.max(1, Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1)),
                required(list, TagFromName.SamplesPerPixel, "Samples per Pixel (0028,0002)"),
                required(list, TagFromName.BitsAllocated, "Bits Allocated (0028,0100)"),
                Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PhotometricInterpretation).strip());
    }

    /**
     * Bytes of uncompressed pixel data: rows × columns × samples × frames × bits allocated / 8, rounded up for 1-bit
     * data; a 4:2:2 colour image stores two samples per pixel, not three.
     */
    long nativeBytes() {
        int samples = photometric.endsWith("_422") ? 2 : samplesPerPixel;
        long bits = (long) rows * columns * frames * samples * bitsAllocated;
        return (bits + 7) / 8;
    }

    String formula() {
        return rows + " × " + columns + " × " + samplesPerPixel + " × " + frames + " × " + bitsAllocated + " bits";
    }

    private static int required(AttributeList list, AttributeTag tag, String name) throws DicomStatusException {
        int v = Attribute.getSingleIntegerValueOrDefault(list, tag, -1);
        if (v <= 0) {
            throw new DicomStatusException(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    name + (list.get(tag) == null ? " is missing" : " is not a positive number") + " but Pixel Data is present");
        }
        return v;
    }
}
