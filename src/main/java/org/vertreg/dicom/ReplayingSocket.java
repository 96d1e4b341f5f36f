package org.vertreg.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A socket whose input stream first replays bytes the node has already read (the association request
 * it inspected), then continues with the connection, so the toolkit sees the conversation whole.
 */
final class ReplayingSocket extends Socket {
    private byte[] replay = new byte[0];
    private InputStream in;

    /** A server socket whose accepted connections are {@link ReplayingSocket}s. */
    static final class Server extends ServerSocket {
        Server() throws IOException {
            super();
        }

        @Override
        public ReplayingSocket accept() throws IOException {
            ReplayingSocket socket = new ReplayingSocket();
            implAccept(socket);
            return socket;
        }
    }

    /** Must be called before the first {@link #getInputStream()} that should see the replayed bytes. */
    synchronized void replayFirst(byte[] bytes) {
        replay = bytes.clone();
        in = null;
    }

    /** The raw connection stream, without replay: for reading the bytes that will be replayed. */
    InputStream rawInputStream() throws IOException {
        return super.getInputStream();
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new SequenceInputStream(new ByteArrayInputStream(replay), super.getInputStream());
        }
        return in;
    }
}
