package io.memnun.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.AttachmentPolicy;
import io.memnun.inbound.InboundMessage;
import io.memnun.inbound.InboundOutcome;
import io.memnun.inbound.InboundProcessor;
import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;
import io.memnun.store.memory.InMemoryAttachmentStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.tck.Fixtures;
import io.memnun.tck.OutboxFixtures;
import io.memnun.testing.MutableClock;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against a real IMAP and SMTP server (GreenMail) started for the test. */
class ImapInboxTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    private static final String INBOX = "sikayet@otel.example";
    private static final String GUEST = "mehmet@example.com.tr";

    private final MutableClock clock = new MutableClock(Fixtures.T0.plus(Duration.ofDays(3650)));
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).build();
    private final TenantId tenant = Fixtures.newTenant("imap");
    private final InMemoryAttachmentStore attachments = new InMemoryAttachmentStore();
    private final Session session = Session.getInstance(new Properties());
    private GreenMailUser inbox;
    private SmtpEmailChannel smtp;
    private InboundProcessor processor;

    @BeforeEach
    void setUp() {
        inbox = MAIL.setUser(INBOX, "sikayet", "gizli");
        MAIL.setUser(GUEST, "mehmet", "gizli");
        smtp = SmtpEmailChannel.builder("127.0.0.1", MAIL.getSmtp().getPort()).security(SmtpEmailChannel.Security.NONE)
                .from(INBOX, "Boğaziçi Otel").messageIdDomain("otel.example").build();
        processor = InboundProcessor.builder(desk).threads(MailThreads.of(smtp, store.outbox())).build();
    }

    private ImapInbox inbox(Function<InboundMessage, InboundOutcome> p) {
        return ImapInbox.builder("127.0.0.1", MAIL.getImap().getPort(), tenant).security(ImapInbox.Security.NONE)
                .credentials("sikayet", "gizli").attachments(attachments, AttachmentPolicy.DEFAULT)
                .defaultLanguage(Locale.ENGLISH).processor(p).build();
    }

    private ImapInbox inbox() {
        return inbox(processor::process);
    }

    /** A mail from the guest to our inbox with a fixed Message-ID. */
    private MimeMessage mail(String messageId, String subject, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(GUEST, false));
        try {
            m.setFrom(new InternetAddress(GUEST, "Mehmet Öztürk", "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(INBOX));
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        return m;
    }

    private void deliver(MimeMessage m) throws MessagingException {
        m.saveChanges();
        inbox.deliver(m);
    }

    private List<Feedback> all() {
        return desk.query(FeedbackQuery.builder(tenant).build()).items();
    }

    private List<FeedbackEvent> messages(Feedback f) {
        return desk.history(tenant, f.id()).stream().filter(e -> e.type() == EventType.CUSTOMER_MESSAGE).toList();
    }

    @Test
    void aMailWithAnOverlongSubjectIsReadWithItCutAndAMailTheProcessorRefusesHoldsUpNoOther() throws Exception {
        deliver(mail("<long-1@example.com.tr>", "x".repeat(2500), "Klima çalışmıyor."));
        deliver(mail("<refused-1@example.com.tr>", "Zehirli", "Bu mail hiçbir zaman kaydedilemez."));
        deliver(mail("<guest-1@example.com.tr>", "Oda 412 klima", "Klima çalışmıyor, oda çok sıcak."));
        Function<InboundMessage, InboundOutcome> refusing = m -> {
            if ("Zehirli".equals(m.subject())) {
                throw new io.memnun.error.ValidationException("text", "cannot be recorded for " + m.sender().email().value());
            }
            return processor.process(m);
        };

        try (ImapInbox in = ImapInbox.builder("127.0.0.1", MAIL.getImap().getPort(), tenant).security(ImapInbox.Security.NONE)
                .credentials("sikayet", "gizli").attachments(attachments, AttachmentPolicy.DEFAULT).defaultLanguage(Locale.ENGLISH)
                .batch(1).processor(refusing).build()) {
            assertThat(in.tick()).singleElement().isInstanceOf(InboundOutcome.Created.class);
            List<InboundOutcome> refused = new java.util.ArrayList<>();
            String log = io.memnun.testing.CapturedLog.during(() -> refused.addAll(in.tick()));
            assertThat(refused).singleElement().isInstanceOfSatisfying(InboundOutcome.Ignored.class,
                    i -> assertThat(i.reason()).isEqualTo("refused: text: cannot be recorded for [email]"));
            assertThat(log).as("logged without the sender's address").contains("refused and marked").contains("cannot be recorded for [email]")
                    .doesNotContain("@example.com.tr");
            assertThat(in.tick()).singleElement().isInstanceOf(InboundOutcome.Created.class);
            assertThat(in.tick()).isEmpty();
        }
        assertThat(all()).hasSize(2).extracting(Feedback::description)
                .anySatisfy(d -> assertThat(d).startsWith("x".repeat(2000) + "\n\n").doesNotContain("x".repeat(2001)))
                .anySatisfy(d -> assertThat(d).startsWith("Oda 412 klima"));
        // the refused mail stays in the mailbox, marked as refused and not as processed
        MimeMessage[] kept = MAIL.getReceivedMessagesForDomain("otel.example");
        assertThat(kept).anySatisfy(m -> assertThat(m.getSubject()).isEqualTo("Zehirli"));
    }

    @Test
    void aNewMailBecomesOneFeedbackAndReadingItAgainAddsNothing() throws Exception {
        MimeMessage m = mail("<complaint-1@example.com.tr>", "Oda 412 klima", "Klima çalışmıyor, oda çok sıcak.");
        m.setHeader("Content-Language", "tr-TR");
        deliver(m);

        try (ImapInbox in = inbox()) {
            List<InboundOutcome> first = in.tick();
            List<InboundOutcome> second = in.tick();
            assertThat(first).singleElement().isInstanceOf(InboundOutcome.Created.class);
            assertThat(second).as("marked as processed").isEmpty();
        }
        assertThat(all()).singleElement().satisfies(f -> {
            assertThat(f.channel()).isEqualTo(Channel.EMAIL);
            assertThat(f.intakeKey()).contains("<complaint-1@example.com.tr>");
            assertThat(f.description()).isEqualTo("Oda 412 klima\n\nKlima çalışmıyor, oda çok sıcak.");
            assertThat(f.customer().name()).isEqualTo("Mehmet Öztürk");
            assertThat(f.customer().email().value()).isEqualTo(GUEST);
            assertThat(f.customer().language()).isEqualTo(Locale.forLanguageTag("tr-TR"));
        });

        // the same mail delivered a second time (a client sending twice, a copy in another folder)
        deliver(mail("<complaint-1@example.com.tr>", "Oda 412 klima", "Klima çalışmıyor, oda çok sıcak."));
        try (ImapInbox in = inbox()) {
            assertThat(in.tick()).singleElement().isInstanceOf(InboundOutcome.AlreadyProcessed.class);
        }
        assertThat(all()).hasSize(1);
    }

    @Test
    void aWatchingInboxReadsANewMailAsTheServerAnnouncesItOverIdle() throws Exception {
        // an hour between polls: within the test only IDLE can bring the mail in
        try (ImapInbox in = inbox().start(Duration.ofHours(1))) {
            awaitUntil(in::isIdling);
            deliver(mail("<complaint-idle@example.com.tr>", "Gürültü", "Yan odadan gürültü geliyor."));

            awaitUntil(() -> all().size() == 1);
            assertThat(all()).singleElement().satisfies(f -> assertThat(f.intakeKey()).contains("<complaint-idle@example.com.tr>"));
            assertThatThrownBy(() -> in.start(Duration.ofMillis(50))).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> inbox().start(Duration.ZERO)).isInstanceOf(io.memnun.error.ValidationException.class);
    }

    @Test
    void closingAWatchingInboxEndsItsWaitAtOnce() throws Exception {
        ImapInbox in = inbox().start(Duration.ofHours(1));
        awaitUntil(in::isIdling);
        Thread closer = new Thread(in::close);
        closer.start();
        closer.join(Duration.ofSeconds(20).toMillis());
        assertThat(closer.isAlive()).as("close() returned instead of waiting for the hour").isFalse();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aReplyToOurNotificationThreadsOntoItsFeedback() throws Exception {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Havlu yok")
                .customer(Customer.builder().email(GUEST).build()).build());
        Notification ack = OutboxFixtures.email(tenant, f.id(), 1, GUEST, clock.instant());
        store.outbox().enqueue(List.of(ack));
        assertThat(smtp.send(ack)).isInstanceOf(SendResult.Delivered.class);
        MimeMessage received = MAIL.getReceivedMessagesForDomain("example.com.tr")[0];
        String ourId = received.getMessageID();

        MimeMessage reply = mail("<reply-1@example.com.tr>", "Re: " + received.getSubject(), "Hala havlu yok.\n\n> " + "Sayın Şükrü Bey");
        reply.setHeader("In-Reply-To", ourId);
        deliver(reply);
        try (ImapInbox in = inbox()) {
            assertThat(in.tick()).singleElement().isInstanceOfSatisfying(InboundOutcome.Threaded.class,
                    t -> assertThat(t.feedback().id()).isEqualTo(f.id()));
        }
        assertThat(all()).hasSize(1);
        assertThat(messages(f)).singleElement().satisfies(e -> {
            assertThat(e.note()).startsWith("Hala havlu yok.");
            assertThat(e.details()).containsEntry("messageId", "<reply-1@example.com.tr>");
        });
    }

    @Test
    void aMistypedReferenceInTheSubjectDoesNotAttachToAnotherFeedback() throws Exception {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Gürültü")
                .customer(Customer.builder().email(GUEST).build()).build());
        String ref = f.reference().toString();
        String mistyped = ref.substring(0, ref.length() - 1) + ((f.reference().checkDigit() + 3) % 10);
        deliver(mail("<typo@example.com.tr>", "Re: " + mistyped, "Bir gelişme var mı?"));

        try (ImapInbox in = inbox()) {
            assertThat(in.tick()).singleElement().isInstanceOf(InboundOutcome.Created.class);
        }
        assertThat(messages(f)).isEmpty();
        assertThat(all()).hasSize(2);
    }

    @Test
    void autoRepliesAndBouncesCreateNothing() throws Exception {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Gürültü")
                .customer(Customer.builder().email(GUEST).build()).build());
        MimeMessage ooo = mail("<ooo@example.com.tr>", "Out of office: " + f.reference(), "I am away until Monday.");
        ooo.setHeader("Auto-Submitted", "auto-replied");
        deliver(ooo);
        MimeMessage vacation = mail("<vac@example.com.tr>", "Ofis dışında", "İzindeyim.");
        vacation.setHeader("X-Autoreply", "yes");
        deliver(vacation);
        MimeMessage bulk = mail("<bulk@example.com.tr>", "Newsletter", "Kampanya");
        bulk.setHeader("Precedence", "bulk");
        deliver(bulk);
        MimeMessage bounce = mail("<bounce@example.com.tr>", "Undelivered Mail Returned to Sender", "x");
        bounce.setFrom(new InternetAddress("MAILER-DAEMON@example.com.tr"));
        deliver(bounce);

        try (ImapInbox in = inbox()) {
            assertThat(in.tick()).hasSize(4).allSatisfy(o -> assertThat(o).isInstanceOf(InboundOutcome.Ignored.class));
            assertThat(in.tick()).as("ignored mails are marked too, never read again").isEmpty();
        }
        assertThat(all()).containsExactly(desk.get(tenant, f.id()));
        assertThat(desk.history(tenant, f.id())).hasSize(1);
    }

    @Test
    void aCrashBetweenCommitAndMarkProducesNoDuplicate() throws Exception {
        deliver(mail("<crash@example.com.tr>", "Klima", "Çalışmıyor"));
        AtomicBoolean crash = new AtomicBoolean(true);
        Function<InboundMessage, InboundOutcome> crashing = m -> {
            InboundOutcome o = processor.process(m);
            if (crash.get()) {
                throw new IllegalStateException("node died after the commit, before the mark");
            }
            return o;
        };

        try (ImapInbox in = inbox(crashing)) {
            assertThat(in.tick()).isEmpty();
            assertThat(all()).as("the feedback was committed").hasSize(1);
            crash.set(false);
            assertThat(in.tick()).singleElement().isInstanceOf(InboundOutcome.AlreadyProcessed.class);
            assertThat(in.tick()).isEmpty();
        }
        assertThat(all()).hasSize(1);
    }

    /**
     * A mail whose processing fails is left for the next tick and the others go on, also for a conflict in a
     * transaction of the store's own. A conflict in the host's transaction ends the tick and is thrown: the database
     * aborted that transaction, so the mails after it would be processed in a transaction that is gone (or, on H2, in
     * a new one the host never meant), and the host is to roll back and run the tick again.
     */
    @Test
    void aConflictInTheHostsTransactionEndsTheTickAndOneOutsideItLeavesOnlyItsMailForTheNextTick() throws Exception {
        for (boolean inHostTransaction : new boolean[] {false, true}) {
            String run = inHostTransaction ? "host" : "own";
            deliver(mail("<" + run + "-1@example.com.tr>", run + " 1", "Klima çalışmıyor."));
            deliver(mail("<" + run + "-2@example.com.tr>", run + " 2", "Havlu yok."));
            deliver(mail("<" + run + "-3@example.com.tr>", run + " 3", "Oda soğuk."));
            io.memnun.error.TransactionConflictException conflict = new io.memnun.error.TransactionConflictException(
                    "could not save feedback: deadlock with a concurrent transaction (SQLState 40P01)", new IllegalStateException("driver"),
                    inHostTransaction);
            AtomicBoolean armed = new AtomicBoolean(true);
            List<String> tried = new java.util.ArrayList<>();
            Function<InboundMessage, InboundOutcome> conflicting = m -> {
                tried.add(m.subject());
                if ((run + " 2").equals(m.subject()) && armed.getAndSet(false)) {
                    throw conflict;
                }
                return processor.process(m);
            };

            try (ImapInbox in = inbox(conflicting)) {
                if (inHostTransaction) {
                    assertThatThrownBy(in::tick).isSameAs(conflict);
                    assertThat(tried).containsExactly(run + " 1", run + " 2");
                    assertThat(in.tick()).hasSize(2).allMatch(o -> o instanceof InboundOutcome.Created);
                    assertThat(tried).containsExactly(run + " 1", run + " 2", run + " 2", run + " 3");
                } else {
                    assertThat(in.tick()).hasSize(2).allMatch(o -> o instanceof InboundOutcome.Created);
                    assertThat(tried).containsExactly(run + " 1", run + " 2", run + " 3");
                    assertThat(in.tick()).singleElement().isInstanceOf(InboundOutcome.Created.class);
                    assertThat(tried).containsExactly(run + " 1", run + " 2", run + " 3", run + " 2");
                }
                assertThat(in.tick()).isEmpty();
            }
        }
        assertThat(all()).hasSize(6);
    }

    @Test
    void aResolvedFeedbackIsAcceptedByAReplyAndTheMailIsMarked() throws Exception {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Gürültü")
                .customer(Customer.builder().email(GUEST).build()).build());
        desk.take(tenant, f.id(), Actor.staff("ayse"));
        desk.resolve(tenant, f.id(), Actor.staff("ayse"), "Oda değişti");
        deliver(mail("<ok@example.com.tr>", "Re: " + f.reference(), "Kabul ediyorum, teşekkürler"));

        try (ImapInbox in = inbox()) {
            in.tick();
        }
        assertThat(desk.get(tenant, f.id()).status()).isEqualTo(Status.CLOSED);
        assertThat(flagged("<ok@example.com.tr>")).isTrue();
    }

    @Test
    void anHtmlMailWithAttachmentsKeepsTheAllowedOnesAndRecordsTheRest() throws Exception {
        MimeMessage m = mail("<html@example.com.tr>", "Fotoğraflı şikayet", "x");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<html><head><style>p{}</style><script>alert(1)</script></head><body><p>Banyo &amp; duş <b>kirli</b>.</p>"
                + "<p>Fotoğraf ekte.</p></body></html>", "UTF-8", "html");
        mixed.addBodyPart(html);
        MimeBodyPart photo = new MimeBodyPart();
        photo.setContent(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}, "image/jpeg");
        photo.setFileName("banyo.jpg");
        photo.setDisposition(MimeBodyPart.ATTACHMENT);
        mixed.addBodyPart(photo);
        MimeBodyPart exe = new MimeBodyPart();
        exe.setContent("MZ".getBytes(StandardCharsets.US_ASCII), "application/x-msdownload");
        exe.setFileName("virus.exe");
        exe.setDisposition(MimeBodyPart.ATTACHMENT);
        mixed.addBodyPart(exe);
        m.setContent(mixed);
        deliver(m);

        try (ImapInbox in = inbox()) {
            in.tick();
        }
        assertThat(all()).singleElement().satisfies(f -> {
            assertThat(f.description()).isEqualTo("Fotoğraflı şikayet\n\nBanyo & duş kirli.\n\nFotoğraf ekte.");
            assertThat(f.attachments()).singleElement().satisfies(a -> {
                assertThat(a.fileName()).isEqualTo("banyo.jpg");
                assertThat(a.mediaType()).isEqualTo("image/jpeg");
                assertThat(attachments.read(tenant, a.id())).hasValueSatisfying(b -> assertThat(b).hasSize(5));
            });
            assertThat(f.context().get("refusedAttachments")).contains("virus.exe").contains("not accepted");
        });
    }

    private boolean flagged(String messageId) throws MessagingException {
        Properties p = new Properties();
        Store s = Session.getInstance(p).getStore("imap");
        s.connect("127.0.0.1", MAIL.getImap().getPort(), "sikayet", "gizli");
        try {
            Folder f = s.getFolder("INBOX");
            f.open(Folder.READ_ONLY);
            for (Message m : f.getMessages()) {
                if (messageId.equals(((MimeMessage) m).getMessageID())) {
                    Flags flags = m.getFlags();
                    return flags.contains(ImapInbox.PROCESSED) || flags.contains(Flags.Flag.SEEN);
                }
            }
            return false;
        } finally {
            s.close();
        }
    }
}
