package dev.incidentkit.notify.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections for as long as this is open: a socket is bound to it and
 * never listens, so a connection to it is reset as to any closed port. Unlike a port that was bound
 * and then released, it cannot be taken by another process (or another test) before the test
 * connects to it: the socket does not share its address, so nothing else can bind the port
 * meanwhile, and the system never picks it as a client's local port.
 */
final class RefusingPort implements AutoCloseable {

    private final Socket held = new Socket();

    RefusingPort() throws IOException {
        held.setReuseAddress(false);
        held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** @return the port, on the loopback address (127.0.0.1) */
    int port() {
        return held.getLocalPort();
    }

    /** Releases the port. */
    @Override
    public void close() throws IOException {
        held.close();
    }
}
