package io.memnun.examples.hotel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The hotel desk's privacy page over HTTP: who is offered what, a guest's access request answered with an export
 * (shown, downloaded as JSON, recorded in the access log), an erasure behind its confirmation step, the auditor's
 * view of the log, and the access log's key kept across a restart. The guests are those the app seeds.
 */
class HotelDeskPrivacyTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");
    private static final Pattern CONFIRMATION = Pattern.compile("name=\"confirmation\" value=\"([0-9a-f]+)\"");
    private static final Pattern REFERENCE = Pattern.compile("href=\"/staff/feedback/(FB-[0-9]{4}-[0-9]{6}-[0-9])\"");

    @TempDir
    static Path temp;

    private static Path data;
    private static HotelDeskApp app;

    @BeforeAll
    static void start() {
        data = temp.resolve("db");
        app = HotelDeskApp.start(data, 0);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void onlyTheFrontOfficeAndTheDataProtectionContactAreOfferedWhatTheyMayDo() throws Exception {
        Visitor visitor = new Visitor();
        assertThat(visitor.get("privacy").statusCode()).isEqualTo(303);

        // housekeeping handles no privacy requests: no link, and the pages and their forms are refused
        Visitor housekeeping = Visitor.signedInAs("zeynep.kaya");
        assertThat(housekeeping.get("staff/queue").body()).doesNotContain("/privacy");
        assertThat(housekeeping.get("privacy").statusCode()).isEqualTo(403);
        assertThat(housekeeping.post("privacy/guest", "guest", "hakan@example.com.tr", "why", "KVKK-TEST-1").statusCode()).isEqualTo(403);
        assertThat(housekeeping.get("privacy/log").statusCode()).isEqualTo(403);

        // a front office agent answers requests, but neither erases nor audits the log
        Visitor agent = Visitor.signedInAs("kerem.aydin");
        assertThat(agent.get("staff/queue").body()).contains("href=\"/privacy\"");
        String index = agent.get("privacy").body();
        assertThat(index).contains("id=\"find-guest\"").doesNotContain("id=\"show-period\"");
        String held = agent.post("privacy/guest", "guest", "ahmet.kara@example.com.tr", "why", "KVKK-TEST-2").body();
        assertThat(held).contains("id=\"download\"").doesNotContain("id=\"erase\"");
        assertThat(agent.post("privacy/erase", "key0", "email:ahmet.kara@example.com.tr", "why", "KVKK-TEST-2").statusCode()).isEqualTo(403);
        assertThat(agent.get("privacy/log").statusCode()).isEqualTo(403);

        // the front office's head may erase as well; the data protection contact does everything
        assertThat(Visitor.signedInAs("elif.sahin").post("privacy/guest", "guest", "ahmet.kara@example.com.tr", "why", "KVKK-TEST-2").body())
                .contains("id=\"erase\"");
        assertThat(Visitor.signedInAs("nur.aksoy").get("privacy").body()).contains("id=\"find-guest\"", "id=\"show-period\"", "id=\"show-guest-log\"");
    }

    @Test
    void anAccessRequestShowsWhatIsHeldDownloadsItAsJsonAndIsRecorded() throws Exception {
        Visitor agent = Visitor.signedInAs("kerem.aydin");
        // the address in another case and the phone number as a guest types it find the same guest
        HttpResponse<String> byEmail = agent.post("privacy/guest", "guest", "Hakan@Example.com.tr", "why", "KVKK-2026-0101");
        assertThat(byEmail.statusCode()).isEqualTo(200);
        List<String> references = references(byEmail.body());
        assertThat(references).hasSize(1);
        assertThat(byEmail.body()).contains("<tr><th>Feedback</th><td>1</td></tr>", "Kerem Aydın", "KVKK-2026-0101", "EXPORT");
        HttpResponse<String> byPhone = agent.post("privacy/guest", "guest", "0532 111 22 33", "why", "KVKK-2026-0101");
        assertThat(references(byPhone.body())).isEqualTo(references);

        // the download is the library's JSON export, saved under the request's reference
        HttpResponse<String> json = agent.post("privacy/guest.json", "guest", "hakan@example.com.tr", "why", "KVKK-2026-0101");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(json.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"personal-data-KVKK-2026-0101.json\"");
        assertThat(json.body()).contains("\"person\" : \"email:hakan@example.com.tr\"", "\"reference\" : \"" + references.get(0) + "\"",
                "Hakan Yıldız", "Odamdaki havlular değiştirilmemiş");

        // a reference is required, and one naming the guest is refused: the log keeps it after an erasure
        assertThat(agent.post("privacy/guest", "guest", "hakan@example.com.tr", "why", "").body()).contains("why: is required").doesNotContain("why: why");
        HttpResponse<String> naming = agent.post("privacy/guest", "guest", "hakan@example.com.tr", "why", "call back +905321112233");
        assertThat(naming.statusCode()).isEqualTo(400);
        assertThat(naming.body()).contains("why: holds the person&#39;s phone");
        HttpResponse<String> notAKey = agent.post("privacy/guest", "guest", "hakan at example", "why", "KVKK-2026-0101");
        assertThat(notAKey.statusCode()).isEqualTo(400);
        assertThat(notAKey.body()).contains("guest: is neither an e-mail address nor a phone number").doesNotContain("hakan at example");

        // every disclosure is in the log (the two lookups and the download, not the refused ones), by any of the keys
        String log = Visitor.signedInAs("nur.aksoy").post("privacy/log", "guest", "+90 532 111 22 33").body();
        assertThat(rows(log, "EXPORT")).hasSize(3).allSatisfy(row -> assertThat(row).contains("Kerem Aydın", "KVKK-2026-0101", references.get(0)));
    }

    @Test
    void anErasureIsConfirmedFirstThenAnonymisesTheGuestAndIsLoggedWithoutTheirData() throws Exception {
        String email = "leyla@example.com.tr";
        Visitor head = Visitor.signedInAs("elif.sahin");
        String held;
        String confirmation;
        String erased;
        String captured;
        PrintStream console = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            LoggerFactory.getLogger(HotelDeskPrivacyTest.class).warn("capturing the app's log"); // the capture sees the log
            held = head.post("privacy/guest", "guest", email, "why", "KVKK-2026-0102").body();
            // the key asked for is ticked; the phone number on the guest's feedback is offered, not ticked
            assertThat(held).contains("name=\"key0\" id=\"key0\" value=\"email:" + email + "\" checked>")
                    .contains("name=\"key1\" id=\"key1\" value=\"phone:+905334445566\">");
            String reference = references(held).get(0);

            assertThat(head.post("privacy/erase", "why", "KVKK-2026-0102").body()).contains("key: tick at least one key");
            confirmation = head.post("privacy/erase", "key0", "email:" + email, "key1", "phone:+905334445566", "why", "KVKK-2026-0102").body();
            assertThat(confirmation).contains("Erase this guest?", "1 feedback will be anonymised: " + reference, "id=\"erase-confirmed\"");
            assertThat(head.get("staff/feedback/" + reference).body()).as("nothing changed before the confirmation").contains("Leyla Demir");

            Matcher once = CONFIRMATION.matcher(confirmation);
            assertThat(once.find()).as("the confirmation's one-time token").isTrue();
            erased = head.post("privacy/erase/confirmed", "key0", "email:" + email, "key1", "phone:+905334445566", "why", "KVKK-2026-0102",
                    "confirmation", once.group(1)).body();
            assertThat(erased).contains("Guest erased", "<td id=\"anonymised\"><a class=\"reference\" href=\"/staff/feedback/" + reference);
            assertThat(rows(erased, "ANONYMISATION")).singleElement().asString().contains("Elif Şahin", "KVKK-2026-0102", reference);
            assertThat(rows(erased, "ERASURE")).singleElement().asString().contains("Elif Şahin", "KVKK-2026-0102", "feedback 1");
            assertThat(rows(erased, "EXPORT")).hasSize(1); // the lookup before, found by the erased key

            String feedback = head.get("staff/feedback/" + reference).body();
            assertThat(feedback).contains("[anonymised]", "ANONYMISED").doesNotContain("Leyla", email, "+905334445566", "Banyoda");
            // the result page reloaded or the button pressed twice sends the same form again: refused, not erased and recorded again
            HttpResponse<String> again = head.post("privacy/erase/confirmed", "key0", "email:" + email, "key1", "phone:+905334445566",
                    "why", "KVKK-2026-0102", "confirmation", once.group(1));
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(rows(Visitor.signedInAs("nur.aksoy").post("privacy/log", "guest", email).body(), "ERASURE")).hasSize(1);
            assertThat(head.post("privacy/erase/confirmed", "key0", "email:" + email, "why", "KVKK-2026-0102").statusCode())
                    .as("no confirmation").isEqualTo(400);
            // the guest is gone: a new lookup finds nothing, and is itself recorded
            assertThat(references(head.post("privacy/guest", "guest", email, "why", "KVKK-2026-0102").body())).isEmpty();
        } finally {
            System.setErr(console);
            captured = stderr.toString(StandardCharsets.UTF_8);
        }
        assertThat(captured).contains("capturing the app's log").doesNotContain("leyla", "Leyla", "5334445566");
    }

    @Test
    void theAuditorsViewOfAPeriodListsWhoDidWhatAndNoGuestsData() throws Exception {
        Visitor auditor = Visitor.signedInAs("nur.aksoy");
        auditor.post("privacy/guest", "guest", "emma.clarke@example.co.uk", "why", "GDPR-2026-0007");
        String today = LocalDate.now(HotelChain.ZONE).toString();

        String period = auditor.get("privacy/log?from=" + today + "&to=" + today).body();
        assertThat(rows(period, "GDPR-2026-0007")).singleElement().asString().contains("EXPORT", "Nur Aksoy", "feedback 1", "email, phone");
        assertThat(period).doesNotContain("emma", "Emma", "7700");
        String yesterday = LocalDate.parse(today).minusDays(1).toString();
        assertThat(auditor.get("privacy/log?from=" + yesterday + "&to=" + yesterday).body()).doesNotContain("GDPR-2026-0007");

        assertThat(auditor.get("privacy/log?from=" + today + "&to=" + yesterday).body()).contains("to: must not be before from");
        assertThat(auditor.get("privacy/log?from=July&to=" + today).body()).contains("from: must be a day like 2026-07-01");
        assertThat(auditor.get("privacy/log?from=2024-01-01&to=" + today).body()).contains("to: must be at most 366 days after from");
        // a day the date types hold but no day's start can be computed for is refused like any other, not a server error
        HttpResponse<String> first = auditor.get("privacy/log?from=-999999999-01-01&to=-999999999-01-01");
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(first.body()).contains("from: must be a day like 2026-07-01");
        HttpResponse<String> last = auditor.get("privacy/log?from=" + today + "&to=%2B999999999-12-31");
        assertThat(last.statusCode()).isEqualTo(400);
        assertThat(last.body()).contains("to: must be a day like 2026-07-01");
        // a malformed escape is bad input too, refused without quoting what was sent
        // (a field's name goes into the form as it is written here)
        HttpResponse<String> malformed = auditor.post("privacy/guest", "guest", "emma.clarke@example.co.uk", "why%zz7", "GDPR-2026-0008");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("form: holds a malformed %-escape").doesNotContain("zz7");
        assertThat(auditor.get("privacy/log?from=" + today + "&to=" + today).body()).doesNotContain("GDPR-2026-0008");
    }

    @Test
    void theAccessLogKeyIsMadeOnceAndStillFindsAGuestsEntriesAfterARestart() throws Exception {
        Path keyFile = data.resolve(AccessLogKeyFile.FILE_NAME);
        String key = Files.readString(keyFile);
        assertThat(Base64.getDecoder().decode(key.strip())).hasSize(32);
        if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        }
        Visitor.signedInAs("kerem.aydin").post("privacy/guest", "guest", "+44 7700 900123", "why", "KVKK-2026-0103");

        app.close();
        app = HotelDeskApp.start(data, 0);
        assertThat(Files.readString(keyFile)).isEqualTo(key);
        String log = Visitor.signedInAs("nur.aksoy").post("privacy/log", "guest", "emma.clarke@example.co.uk").body();
        assertThat(rows(log, "KVKK-2026-0103")).singleElement().asString().contains("EXPORT", "Kerem Aydın");
    }

    /** The reference numbers in the table of the guest's feedback. */
    private static List<String> references(String page) {
        int table = page.indexOf("<table id=\"feedback\"");
        assertThat(table).as("a table of the guest's feedback").isNotNegative();
        return REFERENCE.matcher(page.substring(table, page.indexOf("</table>", table))).results().map(r -> r.group(1)).toList();
    }

    /** The access log table's rows that hold {@code text}. */
    private static List<String> rows(String page, String text) {
        int table = page.indexOf("<table id=\"access-log\"");
        assertThat(table).as("an access log table").isNotNegative();
        return Pattern.compile("<tr>(.*?)</tr>").matcher(page.substring(table, page.indexOf("</table>", table))).results()
                .map(r -> r.group(1)).filter(r -> r.contains(text)).toList();
    }

    /** A browser without a browser: its session cookie and the CSRF token of its forms. */
    private static final class Visitor {
        private final HttpClient http = HttpClient.newHttpClient();
        private String cookie = "";
        private String csrf = "";

        static Visitor signedInAs(String staff) throws IOException, InterruptedException {
            Visitor v = new Visitor();
            Matcher token = CSRF.matcher(v.get("staff").body());
            assertThat(token.find()).isTrue();
            v.csrf = token.group(1);
            assertThat(v.post("staff/sign-in", "staff", staff).statusCode()).isEqualTo(303);
            return v;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(app.url() + path)).GET());
        }

        /** A form with the session's CSRF token; {@code fields} alternate name and value. */
        HttpResponse<String> post(String path, String... fields) throws IOException, InterruptedException {
            StringBuilder form = new StringBuilder("csrf=" + csrf);
            for (int i = 0; i < fields.length; i += 2) {
                form.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
            }
            return send(HttpRequest.newBuilder(URI.create(app.url() + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            if (!cookie.isEmpty()) {
                request.header("Cookie", cookie);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
            return response;
        }
    }
}
