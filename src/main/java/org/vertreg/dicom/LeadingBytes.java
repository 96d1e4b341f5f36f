package org.vertreg.dicom;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes everything on and keeps a copy of the first {@code limit} bytes. */
final class LeadingBytes extends FilterOutputStream {
    private final ByteArrayOutputStream copy;
    private final int limit;

    LeadingBytes(OutputStream out, int limit) {
        super(out);
        this.limit = limit;
        this.copy = new ByteArrayOutputStream(Math.min(limit, 8192));
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (copy.size() < limit) {
            copy.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        int room = limit - copy.size();
        if (room > 0) {
            copy.write(b, off, Math.min(room, len));
        }
    }

    byte[] bytes() {
        return copy.toByteArray();
    }
}
