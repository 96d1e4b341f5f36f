package org.vertreg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DicomPeerTest {

    @Test
    void readsAeHostAndPort() {
        assertEquals(new DicomPeer("ORTHANC", "127.0.0.1", 4242), DicomPeer.parse(" ORTHANC=127.0.0.1:4242 "));
        assertEquals(Optional.of(new DicomPeer("CARM1", "carm1.example.org", 104)),
                DicomPeer.find(List.of("ORTHANC=127.0.0.1:4242", "CARM1=carm1.example.org:104"), "CARM1"));
        assertTrue(DicomPeer.find(List.of("ORTHANC=127.0.0.1:4242"), "PACS").isEmpty());
    }

    @Test
    void refusesWhatIsNotAeEqualsHostColonPort() {
        for (String bad : List.of("ORTHANC", "ORTHANC=127.0.0.1", "=127.0.0.1:104", "ORTHANC=127.0.0.1:", "ORTHANC=host:port",
                "ORTHANC=host:70000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DicomPeer.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
