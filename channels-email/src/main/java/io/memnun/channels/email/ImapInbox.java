package io.memnun.channels.email;

import io.memnun.error.NotificationException;
import io.memnun.error.TransactionConflictException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.AttachmentPolicy;
import io.memnun.inbound.InboundMessage;
import io.memnun.inbound.InboundOutcome;
import io.memnun.inbound.InboundProcessor;
import io.memnun.notify.ErrorText;
import io.memnun.spi.AttachmentStore;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads complaints and replies from an IMAP mailbox: each {@link #tick()} takes the mails not yet marked as processed,
 * reads each into an {@link InboundMessage} ({@link InboundMail}), hands it to the {@link InboundProcessor}, and only
 * when that returned (its feedback change committed) marks the mail: with the keyword {@value #PROCESSED} where the
 * server keeps keywords, else {@code \Seen}, or by moving it to a folder ({@link Builder#moveTo}). A crash between the
 * commit and the mark reads the mail again on the next tick, which the processor recognises by its Message-ID.
 *
 * <p>A mail whose processing fails is left unmarked and logged, and the others go on; it is tried again next tick.
 * A {@link TransactionConflictException} in the host's transaction ({@link TransactionConflictException#inHostTransaction()})
 * is the exception, as in memnun's own loops: {@link #tick()} throws it at once, leaving that mail and the ones after it
 * unmarked for the next tick. A
 * mail the processor refuses as it is ({@link ValidationException}: it can never be recorded) is marked with the
 * keyword {@value #REFUSED} instead (where the server keeps none, {@code \Seen}), never moved, and answered as
 * {@link InboundOutcome.Ignored}, so that it does not hold up the mails after it; it stays in the mailbox for a
 * person to read.
 * The host drives {@link #tick()} from its scheduler (polling); the store connection is kept open between ticks and
 * opened again when it broke. Not thread-safe: one poller per mailbox.
 *
 * <p>A tick must not run inside one transaction of the host's: the mark on the IMAP server cannot be rolled back, so
 * a mail marked before that transaction rolled back (a conflict on a later mail, any failure after the tick) would be
 * lost. Each mail's change is to be committed when the processor returns: without a host transaction every store call
 * commits on its own, or the host wraps the processor so that each mail runs in a transaction of its own
 * ({@link Builder#processor(Function)}).
 *
 * <pre>{@code
 * ImapInbox inbox = ImapInbox.builder("imap.otel.example", 993, tenant)
 *         .credentials("sikayet@otel.example", secret)
 *         .processor(InboundProcessor.builder(desk).threads(MailThreads.of(smtp, outbox)).build())
 *         .attachments(attachmentStore, AttachmentPolicy.DEFAULT)
 *         .build();
 * scheduler.scheduleWithFixedDelay(inbox::tick, 0, 1, TimeUnit.MINUTES);
 * }</pre>
 */
public final class ImapInbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapInbox.class);
    /** The keyword that marks a processed mail. */
    public static final String PROCESSED = "$MemnunProcessed";
    /** The keyword that marks a mail the processor refused as it is. */
    public static final String REFUSED = "$MemnunRefused";

    /** How the connection is protected. */
    public enum Security {
        /** Plain IMAP, for a server on the same host or a test. */
        NONE,
        /** IMAP upgraded with STARTTLS, required (port 143). */
        STARTTLS,
        /** IMAP inside TLS from the first byte (port 993). */
        IMAPS
    }

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String folderName;
    private final @Nullable String moveTo;
    private final int batch;
    private final InboundMail reader;
    private final Function<InboundMessage, InboundOutcome> processor;
    private final Session session;
    private @Nullable Store store;

    private java.util.concurrent.@Nullable ScheduledExecutorService poller;
    private volatile boolean running;
    private volatile java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean idling;
    private volatile org.eclipse.angus.mail.imap.@Nullable IMAPFolder idleFolder;

    private ImapInbox(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.username = Objects.requireNonNull(b.username, "username");
        this.password = Objects.requireNonNull(b.password, "password");
        this.folderName = b.folder;
        this.moveTo = b.moveTo;
        this.batch = b.batch;
        this.reader = new InboundMail(b.tenant, b.defaultLanguage, b.attachments, b.attachmentPolicy);
        this.processor = Objects.requireNonNull(b.processor, "processor");
        this.session = Session.getInstance(properties(b));
    }

    private static Properties properties(Builder b) {
        String protocol = b.security == Security.IMAPS ? "imaps" : "imap";
        Properties props = MailSettings.session(protocol, b.host, b.port, b.connectTimeout, b.readTimeout, b.security == Security.STARTTLS,
                b.security != Security.NONE, b.trustedHosts);
        props.put("mail.store.protocol", protocol);
        // parts are read as they are needed, not the whole mail at once
        props.put("mail." + protocol + ".partialfetch", "true");
        return props;
    }

    public static Builder builder(String host, int port, TenantId tenant) {
        return new Builder(host, port, tenant);
    }

    /**
     * Processes the mails not yet marked, at most the configured batch, oldest first, and returns what became of each
     * one that was processed. Not to be called inside a transaction of the host's: each mail is marked as soon as the
     * processor returned, so the processor's change must be committed by then (see the class comment).
     *
     * @throws NotificationException (retryable) when the mailbox cannot be reached; nothing was marked
     * @throws TransactionConflictException if the processor met one in the host's transaction (one the host opens around
     *     the processor, say): the tick stops there, with that mail and the ones after it unmarked
     */
    public List<InboundOutcome> tick() {
        List<InboundOutcome> outcomes = new ArrayList<>();
        Folder folder = null;
        try {
            folder = store().getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            boolean keywords = folder.getPermanentFlags().contains(Flags.Flag.USER);
            Flags mark = keywords ? new Flags(PROCESSED) : new Flags(Flags.Flag.SEEN);
            Flags refused = keywords ? new Flags(REFUSED) : mark;
            Message[] pending = folder.search(new jakarta.mail.search.AndTerm(new FlagTerm(mark, false), new FlagTerm(refused, false)));
            int n = Math.min(pending.length, batch);
            for (int i = 0; i < n; i++) {
                Message m = pending[i];
                InboundOutcome outcome;
                try {
                    outcome = processor.apply(reader.read((MimeMessage) m));
                } catch (ValidationException e) {
                    // the mail itself can never become a message (the processor refuses it as it is): marked, so that it
                    // does not hold up the mails after it, and left in the mailbox for a person to read
                    // why, without the sender's address or name that a refusal may quote
                    String why = ErrorText.redact(Objects.requireNonNullElse(e.getMessage(), "refused"));
                    LOG.warn("mail {} in {} refused and marked {}: {}", m.getMessageNumber(), folderName, refused, why);
                    m.setFlags(refused, true);
                    outcomes.add(new InboundOutcome.Ignored("refused: " + why));
                    continue;
                } catch (RuntimeException | IOException | MessagingException e) {
                    if (e instanceof TransactionConflictException conflict && conflict.inHostTransaction()) {
                        // the database aborted the host's transaction: the mails after this one would be processed in a
                        // transaction that is gone (on H2, in a new one). This mail and those after it stay unmarked
                        throw conflict;
                    }
                    // left unmarked: tried again next tick, and the processor knows what it already did
                    LOG.warn("mail {} in {} not processed, will be tried again: {}", m.getMessageNumber(), folderName, ErrorText.of(e));
                    continue;
                }
                markDone(folder, m, mark);
                outcomes.add(outcome);
            }
            return outcomes;
        } catch (MessagingException e) {
            closeStore();
            throw new NotificationException("IMAP mailbox " + folderName + " on " + host + ":" + port + ": " + e.getMessage(), true, e);
        } finally {
            if (folder != null && folder.isOpen()) {
                try {
                    folder.close(moveTo != null);
                } catch (MessagingException e) {
                    LOG.debug("closing {}: {}", folderName, e.toString());
                }
            }
        }
    }

    private void markDone(Folder folder, Message m, Flags mark) throws MessagingException {
        if (moveTo != null) {
            Folder target = folder.getStore().getFolder(moveTo);
            if (!target.exists()) {
                target.create(Folder.HOLDS_MESSAGES);
            }
            folder.copyMessages(new Message[] {m}, target);
            m.setFlag(Flags.Flag.DELETED, true);
        } else {
            m.setFlags(mark, true);
        }
    }

    private Store store() throws MessagingException {
        if (store == null || !store.isConnected()) {
            Store s = session.getStore();
            s.connect(host, port, username, password);
            store = s;
        }
        return store;
    }

    private void closeStore() {
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException e) {
                LOG.debug("closing the IMAP store: {}", e.toString());
            }
            store = null;
        }
    }

    /**
     * Watches the mailbox on a daemon thread of its own until {@link #close()}: where the server supports IMAP IDLE,
     * a new mail is read as soon as the server announces it (and at least every {@code interval}); elsewhere the
     * mailbox is polled every {@code interval}. A failing read (mailbox unreachable) is logged and tried again.
     */
    public synchronized ImapInbox start(Duration interval) {
        MailSettings.positive(interval, "interval");
        if (poller != null) {
            throw new IllegalStateException("the inbox is already watching");
        }
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "memnun-imap-" + folderName);
            t.setDaemon(true);
            return t;
        });
        // the IDLE time limit is a delayed task: it must neither linger when cancelled nor keep a closed inbox alive
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        running = true;
        stopped = new java.util.concurrent.CountDownLatch(1);
        executor.execute(() -> watch(executor, interval));
        poller = executor;
        return this;
    }

    /** True once the watcher has seen that the server supports IDLE and waits on it. */
    public boolean isIdling() {
        return idling;
    }

    private void watch(java.util.concurrent.ScheduledExecutorService executor, Duration interval) {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("reading {} failed, trying again in {}: {}", folderName, interval, e.toString());
            }
            if (!running) {
                return;
            }
            if (!idle(executor, interval)) {
                try {
                    if (stopped.await(interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Waits on IMAP IDLE for at most {@code max} on a connection of its own; false when the server has no IDLE or the
     * wait failed, and the caller sleeps instead. A command on the folder from another thread ends an IDLE, which
     * is how the time limit and {@link #close()} wake it.
     */
    private boolean idle(java.util.concurrent.ScheduledExecutorService executor, Duration max) {
        Store idleStore = null;
        org.eclipse.angus.mail.imap.IMAPFolder folder = null;
        try {
            idleStore = session.getStore();
            idleStore.connect(host, port, username, password);
            if (!(idleStore instanceof org.eclipse.angus.mail.imap.IMAPStore imap) || !imap.hasCapability("IDLE")) {
                return false;
            }
            folder = (org.eclipse.angus.mail.imap.IMAPFolder) imap.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            org.eclipse.angus.mail.imap.IMAPFolder waiting = folder;
            // a mail the server announces before it has taken the IDLE command (it came after this folder was opened)
            // is reported with the command's first responses, which idle(true) does not take as a wake-up: it would
            // wait for the time limit. Any mail announced ends the wait, whenever it came
            waiting.addMessageCountListener(new jakarta.mail.event.MessageCountAdapter() {
                @Override
                public void messagesAdded(jakarta.mail.event.MessageCountEvent e) {
                    interrupt(waiting);
                }
            });
            // and a mail that came between the last read and the opening is counted by the opening, never announced:
            // read once more now that every later one will be
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("reading {} failed, trying again on the next wake-up: {}", folderName, e.toString());
            }
            idleFolder = waiting;
            java.util.concurrent.ScheduledFuture<?> wake = executor.schedule(() -> interrupt(waiting), max.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            try {
                idling = true;
                if (running) {
                    waiting.idle(true);
                }
            } finally {
                wake.cancel(false);
                idleFolder = null;
            }
            return true;
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("IDLE on {} ended: {}", folderName, e.toString());
            return false;
        } finally {
            try {
                if (folder != null && folder.isOpen()) {
                    folder.close(false);
                }
                if (idleStore != null) {
                    idleStore.close();
                }
            } catch (MessagingException e) {
                LOG.debug("closing the IDLE connection: {}", e.toString());
            }
        }
    }

    private static void interrupt(org.eclipse.angus.mail.imap.IMAPFolder folder) {
        try {
            // a NOOP from another thread makes the waiting thread end its IDLE
            folder.doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("waking IDLE: {}", e.toString());
            try {
                folder.getStore().close();
            } catch (MessagingException closing) {
                LOG.debug("closing the IDLE connection: {}", closing.toString());
            }
        }
    }

    /** Stops polling, if started, and disconnects. */
    @Override
    public void close() {
        java.util.concurrent.ScheduledExecutorService watcher;
        synchronized (this) {
            watcher = poller;
            poller = null;
            running = false;
            stopped.countDown();
        }
        org.eclipse.angus.mail.imap.IMAPFolder waiting = idleFolder;
        if (waiting != null) {
            interrupt(waiting);
        }
        if (watcher != null) {
            watcher.shutdown();
            try {
                // let a read in progress finish its mail: its mark must follow its commit
                watcher.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeStore();
    }

    /** Collects the settings; every value is checked when set. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final TenantId tenant;
        private Security security = Security.IMAPS;
        private @Nullable String username;
        private @Nullable String password;
        private String folder = "INBOX";
        private @Nullable String moveTo;
        private int batch = 100;
        private Locale defaultLanguage = Locale.forLanguageTag("tr");
        private @Nullable AttachmentStore attachments;
        private AttachmentPolicy attachmentPolicy = AttachmentPolicy.DEFAULT;
        private @Nullable Function<InboundMessage, InboundOutcome> processor;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private @Nullable String trustedHosts;

        private Builder(String host, int port, TenantId tenant) {
            if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ')) {
                throw new ValidationException("host", "must be a host name, was '" + host + "'");
            }
            if (port < 1 || port > 65535) {
                throw new ValidationException("port", "must be between 1 and 65535, was " + port);
            }
            this.host = host;
            this.port = port;
            this.tenant = Objects.requireNonNull(tenant, "tenant");
        }

        /** IMAPS unless set. */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The folder read ({@code INBOX} unless set). */
        public Builder folder(String folder) {
            this.folder = name(folder, "folder");
            return this;
        }

        /** Moves processed mails to this folder (created if missing) instead of marking them with a keyword. */
        public Builder moveTo(String folder) {
            this.moveTo = name(folder, "moveTo");
            return this;
        }

        private static String name(@Nullable String folder, String field) {
            if (folder == null || folder.isBlank() || folder.chars().anyMatch(Character::isISOControl)) {
                throw new ValidationException(field, "must be a folder name, was '" + folder + "'");
            }
            return folder;
        }

        /** The most mails processed in one tick (100 unless set). */
        public Builder batch(int batch) {
            if (batch < 1) {
                throw new ValidationException("batch", "must be positive, was " + batch);
            }
            this.batch = batch;
            return this;
        }

        /** The customer's language when a mail has no {@code Content-Language} (Turkish unless set). */
        public Builder defaultLanguage(Locale language) {
            this.defaultLanguage = Objects.requireNonNull(language, "language");
            return this;
        }

        /** Where attachments are stored and which are kept; without a store none is kept (each is listed as refused). */
        public Builder attachments(AttachmentStore store, AttachmentPolicy policy) {
            this.attachments = Objects.requireNonNull(store, "store");
            this.attachmentPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Decides what each mail becomes. Required. */
        public Builder processor(InboundProcessor processor) {
            Objects.requireNonNull(processor, "processor");
            return processor(processor::process);
        }

        /**
         * Like {@link #processor(InboundProcessor)}, for a host that wraps the processor (to log, to count), or runs each
         * mail in a transaction of its own, committed before the function returns and the mail is marked:
         * {@code processor(m -> transactions.execute(status -> processor.process(m)))}.
         */
        public Builder processor(Function<InboundMessage, InboundOutcome> processor) {
            this.processor = Objects.requireNonNull(processor, "processor");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = MailSettings.positive(timeout, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = MailSettings.positive(timeout, "readTimeout");
            return this;
        }


        /** Hosts whose TLS certificate is trusted without checking ({@code *} for all): for a test server only. */
        public Builder trustedHosts(String hosts) {
            this.trustedHosts = Objects.requireNonNull(hosts, "hosts");
            return this;
        }

        public ImapInbox build() {
            if (username == null) {
                throw new ValidationException("credentials", "are required: credentials(username, password)");
            }
            if (processor == null) {
                throw new ValidationException("processor", "is required: processor(InboundProcessor)");
            }
            return new ImapInbox(this);
        }
    }
}
