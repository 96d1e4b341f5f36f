package org.vertreg.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes compressed pixel data once on receipt, with the image's own attributes (greyscale or colour, bit depth,
 * frames), and refuses what the node could not use later rather than keep it.
 */
final class PixelDataCheck {
    private PixelDataCheck() {
    }

    static void requireDecodable(Path file, String transferSyntaxUid) throws DicomStatusException {
        String syntax = new TransferSyntax(transferSyntaxUid).getDescription();
        AttributeList decoded = new AttributeList();
        decoded.setDecompressPixelData(true);
        try {
            decoded.read(file.toFile());
        } catch (IOException | DicomException | RuntimeException e) {
            throw undecodable(syntax, ReceiptCheck.withoutPath(String.valueOf(e.getMessage()), file));
        }
        Attribute pixels = decoded.get(TagFromName.PixelData);
        if (pixels == null) {
            throw undecodable(syntax, "decoding gave no pixels");
        }
        ImagePixels image = ImagePixels.of(decoded);
        long bytes = pixels.getVL();
        long needed = image.nativeBytes();
        if (bytes < needed) {
            throw undecodable(syntax, "decoding gave " + bytes + " bytes where " + image.formula() + " need " + needed);
        }
    }

    private static DicomStatusException undecodable(String syntax, String why) {
        return new DicomStatusException(DicomStatus.CANNOT_UNDERSTAND, "pixel data in " + syntax + " cannot be decoded: " + why);
    }
}
