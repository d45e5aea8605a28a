package dev.incidentkit.notify.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * An SMTP server on loopback that misbehaves on purpose, one way per instance: it never answers,
 * drops the connection after its greeting, or answers the recipients or the end of the data with a
 * reply of the test's choice. It records the commands it received.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    enum Behaviour { SILENT, DROP_AFTER_GREETING, REPLY_TO_RCPT, REPLY_TO_DATA, REPLY_TO_AUTH }

    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final String reply;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    final CountDownLatch accepted = new CountDownLatch(1);

    /**
     * @param behaviour how it misbehaves
     * @param reply the reply for {@code REPLY_TO_*}, such as {@code 450 4.2.1 Mailbox busy}
     */
    ScriptedSmtpServer(Behaviour behaviour, String reply) throws IOException {
        this.behaviour = behaviour;
        this.reply = reply;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "scripted-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                sockets.add(s);
                accepted.countDown();
                Thread t = new Thread(() -> serve(s), "scripted-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            if (behaviour == Behaviour.SILENT) {
                // Holds the connection open and says nothing, until the client or close() ends it.
                while (s.getInputStream().read() >= 0) {
                    // discard
                }
                return;
            }
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            TlsFront.send(out, "220 scripted ESMTP");
            boolean data = false;
            while (true) {
                String line = TlsFront.readLine(in);
                if (line == null) {
                    return;
                }
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        TlsFront.send(out, behaviour == Behaviour.REPLY_TO_DATA ? reply : "250 2.0.0 queued");
                    }
                    continue;
                }
                String command = line.toUpperCase(Locale.ROOT);
                commands.add(command);
                if (behaviour == Behaviour.DROP_AFTER_GREETING) {
                    return;
                }
                if (command.startsWith("EHLO")) {
                    TlsFront.send(out, behaviour == Behaviour.REPLY_TO_AUTH
                            ? "250-scripted\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME" : "250-scripted\r\n250 8BITMIME");
                } else if (command.startsWith("AUTH")) {
                    TlsFront.send(out, reply);
                } else if (command.startsWith("RCPT")) {
                    TlsFront.send(out, behaviour == Behaviour.REPLY_TO_RCPT ? reply : "250 2.1.5 ok");
                } else if (command.equals("DATA")) {
                    data = true;
                    TlsFront.send(out, "354 go ahead");
                } else if (command.equals("QUIT")) {
                    TlsFront.send(out, "221 bye");
                    return;
                } else {
                    TlsFront.send(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
