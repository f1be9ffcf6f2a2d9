package io.memnun.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.TenantId;
import io.memnun.inbound.AttachmentPolicy;
import io.memnun.inbound.InboundMessage;
import io.memnun.store.memory.InMemoryAttachmentStore;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Reading mails anybody may have crafted. */
class InboundMailTest {
    private final Session session = Session.getInstance(new Properties());
    private final InboundMail reader = new InboundMail(TenantId.of("otel"), Locale.ENGLISH, new InMemoryAttachmentStore(), AttachmentPolicy.DEFAULT);

    @Test
    void multipartsNestedThousandsDeepAreReadWithoutOverflowingTheStack() throws Exception {
        int depth = 5000;
        StringBuilder raw = new StringBuilder("From: mehmet@example.com.tr\r\nSubject: =?UTF-8?Q?=C4=B0=C3=A7_i=C3=A7e?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        for (int level = 0; level < depth; level++) {
            raw.append("--b").append(level).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(level + 1).append("\"\r\n\r\n");
        }
        raw.append("--b").append(depth).append("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKlima bozuk\r\n");
        for (int level = depth; level >= 0; level--) {
            raw.append("--b").append(level).append("--\r\n");
        }
        MimeMessage received = new MimeMessage(session, new ByteArrayInputStream(raw.toString().getBytes(StandardCharsets.US_ASCII)));

        InboundMessage m = reader.read(received);

        assertThat(m.subject()).isEqualTo("İç içe");
        assertThat(m.refusedAttachments()).singleElement().asString().contains("nested deeper than 16");
    }
}
