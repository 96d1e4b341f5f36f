package org.vertreg.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vertreg.imaging.CtSlice;

/**
 * One real CT slice re-encoded by dcmtk in each transfer syntax must decode to the original HU, and the
 * node's negotiation must accept exactly the compressed syntaxes that decode.
 */
class CtSliceReaderTransferSyntaxTest {

    @TempDir
    Path dir;

    /**
     * Name, expected transfer syntax UID, dcmtk command, and the largest mean |HU error| allowed (0 = lossless,
     * every pixel equal).
     */
    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("implicit VR little endian", "1.2.840.10008.1.2", new String[] {"dcmconv", "+ti"}, 0.0),
                Arguments.of("explicit VR big endian", "1.2.840.10008.1.2.2", new String[] {"dcmconv", "+tb"}, 0.0),
                Arguments.of("deflated explicit VR little endian", "1.2.840.10008.1.2.1.99",
                        new String[] {"dcmconv", "+td"}, 0.0),
                Arguments.of("RLE lossless", "1.2.840.10008.1.2.5", new String[] {"dcmcrle"}, 0.0),
                Arguments.of("JPEG lossless SV1", "1.2.840.10008.1.2.4.70", new String[] {"dcmcjpeg", "+e1"}, 0.0),
                Arguments.of("JPEG lossless process 14", "1.2.840.10008.1.2.4.57", new String[] {"dcmcjpeg", "+el"}, 0.0),
                Arguments.of("JPEG-LS lossless", "1.2.840.10008.1.2.4.80", new String[] {"dcmcjpls", "+el"}, 0.0),
                // Lossy encodings: decoding must work and stay close to the original.
                Arguments.of("JPEG-LS near-lossless (NEAR 2)", "1.2.840.10008.1.2.4.81",
                        new String[] {"dcmcjpls", "+en"}, 2.0),
                // dcmcjpeg maps the 12-bit range to 8 bits (slope ≈ 16 HU), so errors of a few steps are expected.
                Arguments.of("JPEG baseline, 8 bit", "1.2.840.10008.1.2.4.50", new String[] {"dcmcjpeg", "+eb"}, 50.0),
                Arguments.of("JPEG extended, 12 bit", "1.2.840.10008.1.2.4.51", new String[] {"dcmcjpeg", "+ee"}, 5.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void reEncodedSliceDecodesToTheOriginalHu(String name, String transferSyntax, String[] dcmtk, double maxMeanError)
            throws Exception {
        File original = CptacData.slice();
        String[] options = java.util.Arrays.copyOfRange(dcmtk, 1, dcmtk.length);
        File copy = DcmtkCopies.convert(original, dir.resolve("copy.dcm").toFile(), dcmtk[0], options);
        assertEquals(transferSyntax, transferSyntaxOf(copy));

        Optional<String> undecodable = CtSliceReader.undecodableReason(copy);
        if (undecodable.isPresent()) {
            // What cannot be decoded must be refused at negotiation, never accepted and then found unusable.
            IOException e = assertThrows(IOException.class, () -> CtSliceReader.read(copy));
            assertTrue(e.getMessage().contains("transfer syntax " + transferSyntax), e.getMessage());
            assertFalse(AcceptedTransferSyntaxes.IN_PREFERENCE_ORDER.contains(transferSyntax),
                    name + " is accepted at negotiation but cannot be decoded: " + undecodable.get());
            return;
        }
        // Explicit big endian is retired (PS3.5 A.3) and deliberately not negotiated, though it decodes.
        assertTrue(AcceptedTransferSyntaxes.IN_PREFERENCE_ORDER.contains(transferSyntax) || "1.2.840.10008.1.2.2".equals(transferSyntax),
                name + " decodes: the node should accept it at negotiation");

        float[] expected = CtSliceReader.read(original).get(0).hu();
        CtSlice decoded = CtSliceReader.read(copy).get(0);
        assertEquals(expected.length, decoded.hu().length);
        double totalError = 0;
        for (int i = 0; i < expected.length; i++) {
            if (maxMeanError == 0) {
                assertEquals(expected[i], decoded.hu()[i], "pixel " + i);
            }
            totalError += Math.abs(expected[i] - decoded.hu()[i]);
        }
        assertTrue(totalError / expected.length <= maxMeanError, "mean |HU error| " + totalError / expected.length);
    }

    @Test
    void eightBitPixelsPackedInOwMatchTheJpegTheyCameFrom() throws Exception {
        // dcmdjpeg writes the decoded 8-bit baseline image as OW: two pixels per word.
        File jpeg = DcmtkCopies.convert(CptacData.slice(), dir.resolve("jpeg.dcm").toFile(), "dcmcjpeg", "+eb");
        File raw = DcmtkCopies.convert(jpeg, dir.resolve("raw.dcm").toFile(), "dcmdjpeg", "+te");

        float[] fromJpeg = CtSliceReader.read(jpeg).get(0).hu(), fromRaw = CtSliceReader.read(raw).get(0).hu();

        // Two IJG-based decoders may round differently by one stored unit (slope ≈ 16 HU here).
        double slope = Attribute.getSingleDoubleValueOrDefault(attributes(raw), TagFromName.RescaleSlope, 1);
        for (int i = 0; i < fromJpeg.length; i++) {
            assertEquals(fromJpeg[i], fromRaw[i], slope * 1.01, "pixel " + i);
        }
    }

    private static String transferSyntaxOf(File file) throws Exception {
        AttributeList meta = new AttributeList();
        meta.readOnlyMetaInformationHeader(file);
        return Attribute.getSingleStringValueOrEmptyString(meta, TagFromName.TransferSyntaxUID);
    }

    private static AttributeList attributes(File file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file);
        return list;
    }
}
