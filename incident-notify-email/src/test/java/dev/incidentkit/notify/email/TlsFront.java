package dev.incidentkit.notify.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS in front of a plain SMTP server on loopback (GreenMail has neither STARTTLS nor a certificate
 * of ours): in {@link Mode#STARTTLS} it greets, offers STARTTLS, upgrades with the test's
 * certificate, then relays the session to the plain server (whose own greeting it swallows); in
 * {@link Mode#IMPLICIT} it speaks TLS from the first byte and relays everything (SMTPS).
 */
final class TlsFront implements AutoCloseable {

    enum Mode { STARTTLS, IMPLICIT }

    private final ServerSocket listener;
    private final SSLContext tls;
    private final Mode mode;
    private final int backendPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** What the client said before TLS, upper-cased: what crossed the network in clear text. */
    final List<String> clearText = new CopyOnWriteArrayList<>();

    TlsFront(Mode mode, SSLContext tls, int backendPort) throws IOException {
        this.mode = mode;
        this.tls = tls;
        this.backendPort = backendPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "tls-front-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "tls-front-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            Socket secured;
            if (mode == Mode.STARTTLS) {
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream();
                send(out, "220 front ESMTP ready");
                while (true) {
                    String line = readLine(in);
                    if (line == null) {
                        client.close();
                        return;
                    }
                    String command = line.toUpperCase(Locale.ROOT);
                    clearText.add(command);
                    if (command.startsWith("EHLO")) {
                        send(out, "250-front\r\n250 STARTTLS");
                    } else if (command.equals("STARTTLS")) {
                        send(out, "220 Ready to start TLS");
                        break;
                    } else if (command.equals("QUIT")) {
                        send(out, "221 bye");
                        client.close();
                        return;
                    } else {
                        send(out, "530 5.7.0 Must issue a STARTTLS command first");
                    }
                }
                secured = handshake(client, false);
            } else {
                secured = handshake(client, false);
            }
            Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            sockets.add(backend);
            if (mode == Mode.STARTTLS) {
                readLine(backend.getInputStream());   // the plain server's greeting: the client had ours
            }
            pipe(secured.getInputStream(), backend.getOutputStream(), backend);
            pipe(backend.getInputStream(), secured.getOutputStream(), secured);
        } catch (IOException e) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private SSLSocket handshake(Socket plain, boolean clientMode) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true);
        s.setUseClientMode(clientMode);
        s.startHandshake();
        sockets.add(s);
        return s;
    }

    private void pipe(InputStream from, OutputStream to, Socket toSocket) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // one side closed
            }
            try {
                toSocket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }, "tls-front-pipe");
        t.setDaemon(true);
        t.start();
    }

    static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one line byte by byte, so that nothing after it (a TLS handshake) is buffered away. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return line.toString().stripTrailing();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
