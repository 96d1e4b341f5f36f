package org.vertreg.dicom;

/**
 * Where the SCP hands each received instance. Implemented by the archive; the C-STORE response goes out
 * only after {@link #accept} returns, so success means the instance is on disk and indexed.
 */
public interface ReceivedInstanceSink {

    /** Takes ownership of {@code instance.file()}: moves it into the archive or deletes it, and says which and why. */
    Receipt accept(ReceivedInstance instance);
}
