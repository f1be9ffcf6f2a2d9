package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.memnun.FeedbackDesk;
import io.memnun.NotificationDispatcher;
import io.memnun.Notifications;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.notify.SendResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The child JVM of {@link PostgresCrashTest}: a desk on PostgreSQL that receives, takes and resolves feedback one
 * after another while a dispatcher sends their notifications, and writes a line to a record file after each commit
 * ("id step version"; steps: 1 received, 2 taken, 3 resolved), and to a second file after each message handed to
 * the channel, until it is killed with SIGKILL.
 *
 * <p>Arguments: JDBC URL, tenant, intake-key prefix, record file, sent file.
 */
public final class CrashingLoad {
    private CrashingLoad() {}

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        TenantId tenant = TenantId.of(args[1]);
        String prefix = args[2];
        try (HikariDataSource ds = new HikariDataSource(config);
                FileChannel record = FileChannel.open(Path.of(args[3]), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
                FileChannel sent = FileChannel.open(Path.of(args[4]), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE)) {
            JdbcStorage storage = JdbcStorage.builder().dataSource(ds).build();
            FeedbackDesk desk = FeedbackDesk.builder().store(storage.feedbackStore())
                    .notifications(Notifications.builder("Otel").build()).build();
            NotificationDispatcher dispatcher = desk.notificationDispatcher().lease(Duration.ofSeconds(2))
                    .channel(ContactChannel.EMAIL, n -> {
                        write(sent, n.idempotencyKey());
                        return SendResult.delivered("child-" + n.id());
                    }).build();
            dispatcher.start(Duration.ofMillis(50));
            Actor staff = Actor.staff("gece-vardiyasi");
            for (int i = 0; ; i++) {
                Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "Şikayet " + i)
                        .intakeKey(prefix + i).customer(Customer.builder().email("misafir" + i + "@example.com").build()).build());
                write(record, f.id() + " 1 " + f.version());
                io.memnun.feedback.FeedbackId id = f.id();
                f = retried(() -> desk.take(tenant, id, staff));
                write(record, f.id() + " 2 " + f.version());
                String resolution = "çözüldü " + i;
                f = retried(() -> desk.resolve(tenant, id, staff, resolution));
                write(record, f.id() + " 3 " + f.version());
            }
        }
    }

    /** A command again after a version conflict: the dispatcher records deliveries on the same feedback meanwhile. */
    private static Feedback retried(java.util.function.Supplier<Feedback> command) {
        while (true) {
            try {
                return command.get();
            } catch (io.memnun.error.VersionConflictException e) {
                // reload and decide again: the desk reads the current version on the next call
            }
        }
    }

    /** One line, written by the OS before the next commit starts: a SIGKILL of this process cannot lose it. */
    private static void write(FileChannel file, String line) {
        try {
            file.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
