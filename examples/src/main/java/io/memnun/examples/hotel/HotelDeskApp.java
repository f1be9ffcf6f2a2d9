package io.memnun.examples.hotel;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.memnun.error.StoreException;
import io.memnun.CapaDesk;
import io.memnun.DeskConfig;
import io.memnun.FeedbackDesk;
import io.memnun.HistoryVerifier;
import io.memnun.LocationCalendars;
import io.memnun.NotificationDispatcher;
import io.memnun.PrivacyDesk;
import io.memnun.Reports;
import io.memnun.Notifications;
import io.memnun.SlaMonitor;
import io.memnun.SurveyDesk;
import io.memnun.channels.email.SmtpEmailChannel;
import io.memnun.examples.ScenarioClock;
import io.memnun.feedback.ContactChannel;
import io.memnun.notify.MessageOwner;
import io.memnun.routing.Router;
import io.memnun.sla.SlaEngine;
import io.memnun.spi.CatalogStore;
import io.memnun.storage.jdbc.JdbcStorage;
import io.memnun.tracking.RateLimiter;
import io.memnun.tracking.TokenBucketRateLimiter;
import io.memnun.tracking.TrackingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A hotel chain's feedback desk as a small web application: memnun embedded on an H2 database file, a guest form,
 * the staff desk, guest tracking, surveys, corrective actions, guests' privacy requests, and a view of the e-mails and
 * texts it sent. The mail server is GreenMail, run in-process; texts go to an {@link SmsLog}.
 *
 * <pre>
 * mvn -B -q -pl examples -am package -DskipTests exec:java -Dexec.mainClass=io.memnun.examples.hotel.HotelDeskApp
 * </pre>
 *
 * <p>Settings (system property, else environment variable): {@code hotel.port} / {@code HOTEL_PORT} (7070 unless
 * set; 0 picks a free port), {@code hotel.data} / {@code HOTEL_DATA} (the database directory; {@code .memnun/hotel-desk}
 * in the user's home unless set; it also holds the privacy access log's key, {@value AccessLogKeyFile#FILE_NAME}).
 * A directory it makes is readable by its owner only.
 */
public final class HotelDeskApp implements AutoCloseable {
    static final int TRACKING_BURST = 20;
    static final int TRACKING_REFILL_SECONDS = 6;

    private final HttpServer server;
    private final ExecutorService workers;
    private final GreenMail mail;
    private final NotificationDispatcher dispatcher;
    private final SlaMonitor monitor;
    private final JdbcStorage storage;
    private final JdbcDataSource database;

    private HotelDeskApp(HttpServer server, ExecutorService workers, GreenMail mail, NotificationDispatcher dispatcher,
            SlaMonitor monitor, JdbcStorage storage, JdbcDataSource database) {
        this.server = server;
        this.workers = workers;
        this.mail = mail;
        this.dispatcher = dispatcher;
        this.monitor = monitor;
        this.storage = storage;
        this.database = database;
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(setting("hotel.port", "HOTEL_PORT", "7070"));
        String configured = setting("hotel.data", "HOTEL_DATA", "");
        Path data = configured.isEmpty() ? defaultDataDirectory(Path.of(System.getProperty("user.home"))) : Path.of(configured);
        HotelDeskApp app = start(ownerOnly(data), port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        System.out.println("Database: " + data.toAbsolutePath());
        System.out.println("Hotel desk running at " + app.url());
        Thread.currentThread().join(); // serve until the process is stopped (Ctrl+C)
    }

    /**
     * Starts the app on {@code port} (0: any free port) with its database in {@code dataDirectory}. Each client
     * address may look up tracking pages {@value #TRACKING_BURST} times at once and once more every
     * {@value #TRACKING_REFILL_SECONDS} seconds.
     */
    public static HotelDeskApp start(Path dataDirectory, int port) {
        return start(dataDirectory, port, new TokenBucketRateLimiter(TRACKING_BURST, Duration.ofSeconds(TRACKING_REFILL_SECONDS), Clock.systemUTC()));
    }

    /** Starts the app with {@code trackingLimiter} asked before every tracking lookup, keyed by the client's address. */
    static HotelDeskApp start(Path dataDirectory, int port, RateLimiter trackingLimiter) {
        Clock clock = Clock.systemUTC();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        String base = "http://localhost:" + server.getAddress().getPort() + "/";

        // the host's database: an H2 file, kept open while the app runs; memnun creates its tables on start
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("hotel") + ";DB_CLOSE_DELAY=-1");
        JdbcStorage storage = JdbcStorage.builder().dataSource(database).tablePrefix("memnun_").migrateOnStart(true).build();

        HotelChain.seedCatalog(storage.catalogStore());
        Router router = Router.builder().catalogs(storage.catalogStore()).ruleSets(storage.ruleSetStore()).clock(clock).build();
        HotelChain.activateRules(router);

        FeedbackDesk desk = FeedbackDesk.builder()
                .store(storage.feedbackStore())
                .clock(clock)
                .router(router)
                .sla(slaEngine(storage))
                .duplicateWindow(Duration.ofHours(24))
                .notifications(Notifications.builder(HotelChain.NAME)
                        .directory(HotelChain.directory())
                        .trackingUrl(base + "track/{reference}")
                        .zone(HotelChain.ZONE)
                        .build())
                // a token per feedback, only its hash stored; the acknowledgement carries the link to the tracking page
                .tracking(storage.trackingTokenStore(), TrackingSettings.builder()
                        .linkBase(base + "track/{reference}?code={token}")
                        .rateLimiter(trackingLimiter)
                        .build())
                .build();
        SurveyDesk surveys = SurveyDesk.builder(desk).store(storage.surveyStore())
                .surveyUrl(base + "survey/{token}")
                .afterClosing(HotelChain.SURVEY)
                .build();
        HotelChain.publishSurvey(surveys);
        CapaDesk capa = CapaDesk.builder(desk).store(storage.capaStore()).build();
        // guests' KVKK / GDPR requests on the same database; the access log names guests under a secret key, generated
        // on the first start and kept beside the database (in production: in your secret store, see AccessLogKeyFile)
        PrivacyDesk privacy = PrivacyDesk.builder(desk, storage.privacyStore())
                .accessLogKey(AccessLogKeyFile.loadOrCreate(dataDirectory))
                .attachments(storage.attachmentStore())
                .surveys(storage.surveyStore())
                .build();
        if (HotelChain.hasNoFeedback(desk)) {
            seedHistory(storage, router, clock.instant());
            HotelChain.seedFeedback(desk, clock.instant());
        }
        Reports reports = Reports.builder(storage.reportStore())
                .feedbackStore(storage.feedbackStore())
                .capaStore(storage.capaStore())
                .surveys(surveys)
                .clock(clock)
                .build();

        // the mail server: GreenMail on a free local port; the desk sends through the real SMTP channel
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        SmsLog sms = new SmsLog(clock);
        NotificationDispatcher dispatcher = desk.notificationDispatcher()
                .channel(ContactChannel.EMAIL, SmtpEmailChannel.builder("127.0.0.1", mail.getSmtp().getPort())
                        .security(SmtpEmailChannel.Security.NONE)
                        .from("guest-relations@hotel.example", HotelChain.NAME)
                        .build())
                .channel(ContactChannel.SMS, sms)
                // what became of the messages about corrective actions goes into their histories
                .recorder(MessageOwner.CORRECTIVE_ACTION, capa.deliveries())
                .recorder(MessageOwner.SURVEY_INVITATION, surveys.deliveries())
                .backoff(Duration.ofSeconds(5), Duration.ofMinutes(5))
                .build()
                .start(Duration.ofSeconds(1));
        SlaMonitor monitor = desk.slaMonitor().start(Duration.ofSeconds(30));

        Web web = new Web();
        new GuestPages(desk, storage.catalogStore()).register(web);
        new TrackingPages(desk.tracking()).register(web);
        new StaffPages(desk, storage.catalogStore(), HistoryVerifier.of(storage.feedbackStore())).register(web);
        new SurveyPages(surveys, desk).register(web);
        new CapaPages(capa, desk).register(web);
        new MessagesPage(mail, sms).register(web);
        new ReportPages(reports, storage.catalogStore(), clock).register(web);
        new PrivacyPages(privacy, desk, clock).register(web);
        web.mount(server);
        ExecutorService workers = Executors.newFixedThreadPool(8);
        server.setExecutor(workers);
        server.start();
        return new HotelDeskApp(server, workers, mail, dispatcher, monitor, storage, database);
    }

    /**
     * A year of past feedback for the management review, walked through its lifecycle by a desk of its own on a
     * scenario clock (same stores, routing and response-time policy as the live desk, no notifications: those guests
     * were answered long ago).
     */
    private static void seedHistory(JdbcStorage storage, Router router, Instant now) {
        ScenarioClock past = new ScenarioClock(HotelHistory.firstDay(now).atStartOfDay(HotelChain.ZONE).toInstant(), HotelChain.ZONE);
        FeedbackDesk desk = FeedbackDesk.builder()
                .store(storage.feedbackStore())
                .clock(past)
                .config(DeskConfig.builder().closingPeriod(HotelHistory.CLOSING_PERIOD).build())
                .router(router)
                .sla(slaEngine(storage))
                .build();
        long started = System.nanoTime();
        int seeded = HotelHistory.seed(desk, past, now);
        System.out.printf("Seeded %d feedback of the past year in %.1f s%n", seeded, (System.nanoTime() - started) / 1e9);
    }

    /** The chain's response-time policy; feedback at a hotel counts on the hotel's own calendar. */
    private static SlaEngine slaEngine(JdbcStorage storage) {
        return SlaEngine.of(HotelChain.slaPolicy(), LocationCalendars.of(storage.catalogStore()));
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    /** The catalogue the desk routes by: where a host's administration deactivates a department or a person. */
    CatalogStore catalogs() {
        return storage.catalogStore();
    }

    /** The in-process mail server the desk's e-mails go to. */
    public GreenMail mail() {
        return mail;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        monitor.close();
        dispatcher.close();
        mail.stop();
        try {
            // the reference numbers taken and not issued go back, so the next start goes on without a gap
            storage.close();
        } catch (StoreException e) {
            // the database is gone already: the numbers stay unissued
        }
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN"); // closes the database file so another run (or a test) can open it
        } catch (SQLException alreadyClosed) {
            // nothing left to release
        }
    }

    /**
     * The data directory unless one is set: in the user's home, not in the temporary directory, which every user of
     * the machine may write to (another could make the folder first, and read the guests' data in it).
     */
    static Path defaultDataDirectory(Path home) {
        return home.resolve(".memnun").resolve("hotel-desk");
    }

    /** {@code directory}, made readable by its owner only if it is not there yet (where the file system has owners). */
    static Path ownerOnly(Path directory) {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory.toAbsolutePath().getParent());
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        } catch (FileAlreadyExistsException madeMeanwhile) {
            // made by another start at the same moment: used as it is
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data directory " + directory, e);
        }
        return directory;
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property, System.getenv(environment));
        return value == null || value.isBlank() ? fallback : value;
    }
}
