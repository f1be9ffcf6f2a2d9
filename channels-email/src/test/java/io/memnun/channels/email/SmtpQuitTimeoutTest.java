package io.memnun.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.TenantId;
import io.memnun.notify.SendResult;
import io.memnun.tck.Fixtures;
import io.memnun.tck.OutboxFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A server that takes the mail (250 after its data) and then does not answer QUIT. */
class SmtpQuitTimeoutTest {

    @Test
    void aMailTheServerTookIsDeliveredEvenIfTheConnectionDoesNotCloseInTime() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
                    out.write("220 scripted.test ESMTP\r\n");
                    out.flush();
                    boolean data = false;
                    for (String line; (line = in.readLine()) != null; ) {
                        if (data) {
                            if (line.equals(".")) {
                                data = false;
                                accepted.incrementAndGet();
                                out.write("250 2.0.0 queued as 42\r\n");
                                out.flush();
                            }
                            continue;
                        }
                        String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                        switch (cmd) {
                            case "EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> out.write("250 OK\r\n");
                            case "DATA" -> {
                                data = true;
                                out.write("354 go ahead\r\n");
                            }
                            case "QUIT" -> Thread.sleep(3_000);
                            default -> out.write("502 not implemented\r\n");
                        }
                        out.flush();
                    }
                } catch (Exception e) {
                    // the client went away
                }
            });
            t.setDaemon(true);
            t.start();
            SmtpEmailChannel channel = SmtpEmailChannel.builder("127.0.0.1", server.getLocalPort()).security(SmtpEmailChannel.Security.NONE)
                    .from("bildirim@otel.example", "Otel").messageIdDomain("otel.example")
                    .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(1)).build();
            TenantId tenant = Fixtures.newTenant("smtp-quit");

            SendResult r = channel.send(OutboxFixtures.email(tenant, Fixtures.randomId(), 1, "misafir@example.com", Instant.now()));

            assertThat(accepted).as("the server took the mail").hasValue(1);
            assertThat(r).as("so it is delivered, not failed and sent again").isInstanceOf(SendResult.Delivered.class);
        }
    }
}
