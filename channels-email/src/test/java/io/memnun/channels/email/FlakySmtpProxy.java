package io.memnun.channels.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A raw socket in front of a real SMTP server (GreenMail) that misbehaves on the next connections as told, then
 * passes the conversation through: it refuses with {@code 421}, says nothing at all (the client times out), drops
 * the connection at once, or passes everything through but drops the connection right after the message's final
 * dot, before the server's reply reaches the client (so the server has the message while the client must believe
 * it failed).
 */
final class FlakySmtpProxy implements AutoCloseable {
    enum Fault {
        REFUSE,
        SILENT,
        DROP_AT_ONCE,
        DROP_AFTER_DATA
    }

    private final ServerSocket socket;
    private final int target;
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<Socket> open = new CopyOnWriteArrayList<>();

    FlakySmtpProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.socket = new ServerSocket(0, 20, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "flaky-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The faults the next connections meet, one each, in order; later connections pass through. */
    void next(Fault... fs) {
        faults.addAll(java.util.List.of(fs));
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Fault f = faults.poll();
                Thread t = new Thread(() -> handle(client, f), "flaky-smtp-" + f);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client, Fault fault) {
        try {
            if (fault == Fault.REFUSE) {
                client.getOutputStream().write("421 4.3.2 service not available, closing\r\n".getBytes(StandardCharsets.US_ASCII));
                client.close();
            } else if (fault == Fault.DROP_AT_ONCE) {
                client.close();
            } else if (fault == Fault.SILENT) {
                // hold the connection open and say nothing until the client gives up
                InputStream in = client.getInputStream();
                while (in.read() >= 0) {
                    // discard
                }
                client.close();
            } else {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(server);
                AtomicBoolean dataEnded = new AtomicBoolean();
                boolean dropAfterData = fault == Fault.DROP_AFTER_DATA;
                Thread up = new Thread(() -> pump(client, server, dropAfterData ? dataEnded : null, null), "flaky-up");
                up.setDaemon(true);
                up.start();
                pump(server, client, null, dropAfterData ? dataEnded : null);
            }
        } catch (IOException e) {
            // the client or the test went away
        }
    }

    /**
     * Copies {@code from} to {@code to}. Upstream, marks {@code seenEnd} before passing on the end of a message
     * ({@code CRLF . CRLF}); downstream, once that is marked, closes both instead of passing on the reply.
     */
    private static void pump(Socket from, Socket to, AtomicBoolean seenEnd, AtomicBoolean dropOnReply) {
        byte[] buf = new byte[8192];
        byte[] tail = new byte[5];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (dropOnReply != null && dropOnReply.get()) {
                    return; // closes both: the client never hears the server's "250 OK"
                }
                if (seenEnd != null) {
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(tail, 1, tail, 0, 4);
                        tail[4] = buf[i];
                        if (tail[0] == '\r' && tail[1] == '\n' && tail[2] == '.' && tail[3] == '\r' && tail[4] == '\n') {
                            seenEnd.set(true);
                        }
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
