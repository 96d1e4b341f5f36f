package org.vertreg.dicom;

import java.nio.file.Path;

/** The folder (on the archive's file system) where C-STORE data sets are written before they are kept. */
public interface IncomingFolder {
    Path path();
}
