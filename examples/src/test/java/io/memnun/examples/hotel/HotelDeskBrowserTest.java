package io.memnun.examples.hotel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.routing.CatalogRef;
import io.memnun.tracking.TokenBucketRateLimiter;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hotel desk app in a real headless Chromium: a guest's complaint from the web form to the answered survey,
 * with the staff in between, checking what each page shows and the mails the local mail server received.
 */
class HotelDeskBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String GUEST = "olivia.brown@example.co.uk";

    @TempDir
    static Path temp;

    private static HotelDeskApp app;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("This test drives a real Chromium: install Debian's browser and driver first "
                    + "(apt-get install -y chromium chromium-driver); missing " + (Files.isExecutable(CHROMIUM) ? CHROMEDRIVER : CHROMIUM));
        }
        app = HotelDeskApp.start(temp.resolve("db"), 0);
        // both the driver and the browser are named, so Selenium Manager has nothing to look up or download
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createDirectory(temp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aComplaintFromTheGuestFormToTheAnsweredSurvey() throws Exception {
        // the form speaks Turkish unless asked otherwise; this guest writes in English and gets the reference number
        open("");
        assertThat(text("h1")).isEqualTo("Görüşleriniz bizim için değerli");
        open("?lang=en");
        assertThat(text("h1")).isEqualTo("We value your feedback");
        new Select(find("location")).selectByValue("istanbul-bosphorus");
        new Select(find("subject")).selectByValue("housekeeping.room-cleanliness");
        find("description").sendKeys("The room was not cleaned today and there were no fresh towels <script>alert(1)</script>");
        find("room").sendKeys("412");
        find("name").sendKeys("Olivia Brown");
        find("email").sendKeys(GUEST);
        find("phone").sendKeys("+44 7700 900123");
        screenshot("01-guest-form");
        press("send");
        String reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reference"))).getText();
        assertThat(reference).matches("FB-\\d{4}-\\d{6}-\\d");
        assertThat(text("h1")).isEqualTo("Thank you");
        String shownLink = find("tracking-link").getAttribute("href");
        screenshot("02-reference-number");

        // the acknowledgement reached the guest through SMTP with the tracking link and the access code
        MimeMessage acknowledgement = awaitMail(m -> subject(m).contains(reference) && subject(m).startsWith("We have received your feedback"));
        String mailText = MessagesPage.text(acknowledgement);
        Matcher linkInMail = Pattern.compile(Pattern.quote(app.url()) + "track/" + Pattern.quote(reference) + "\\?code=([A-Za-z0-9_-]{43})")
                .matcher(mailText);
        assertThat(linkInMail.find()).as("tracking link in the acknowledgement: %s", mailText).isTrue();
        String trackingLink = linkInMail.group();
        String code = linkInMail.group(1);
        assertThat(shownLink).isEqualTo(trackingLink); // the thanks page showed the sender the same link

        // housekeeping's head signs in: the queue puts the breached complaint first, then the one past its warning
        signInAs("ayse.yilmaz");
        assertThat(text("h1")).isEqualTo("Queue: Housekeeping");
        List<WebElement> rows = browser.findElements(By.cssSelector("#queue tr.sla-breached, #queue tr.sla-warning, #queue tr.sla-on_track"));
        assertThat(rows).extracting(r -> r.findElement(By.cssSelector(".badge")).getText()).startsWith("Breached", "Warning");
        assertThat(find("queue").getText()).contains(reference);
        screenshot("03-staff-desk");

        // she takes the new complaint and resolves it
        follow(browser.findElement(By.linkText(reference)));
        assertThat(find("description").getText()).contains("<script>alert(1)</script>"); // shown as text, not run
        press("take");
        assertThat(status()).isEqualTo("IN_PROGRESS");
        find("resolution-text").sendKeys("Your room has been cleaned and fresh towels brought.");
        press("resolve");
        assertThat(status()).isEqualTo("RESOLVED");
        // a decision told to the guest ends by their answer or the closing period: no Cancel once it is proposed
        assertThat(browser.findElements(By.id("cancel"))).isEmpty();
        assertThat(browser.findElements(By.id("note"))).hasSize(1);
        screenshot("04-feedback-resolved");

        // the guest follows the link in the mail: the page opens at once, in English (the language they wrote in)
        asGuest(trackingLink);
        assertThat(find("tracked").getText()).isEqualTo(reference);
        assertThat(find("status").getText()).isEqualTo("Resolution proposed, awaiting your answer");
        assertThat(find("resolution").getText()).isEqualTo("Your room has been cleaned and fresh towels brought.");
        assertThat(find("timeline").getText()).contains("Your feedback was received", "The resolution was sent to you");
        String page = text("body");
        assertThat(page).doesNotContain("Ayşe", "ayse.yilmaz", "Housekeeping", "TAKEN"); // nothing internal
        screenshot("05-guest-tracking");

        // the management pages are for staff: a guest who types their addresses lands on the staff sign-in instead
        for (String managementPage : List.of("reports", "reports/audit/" + reference, "reports/review.csv", "capa", "capa/new", "messages")) {
            open(managementPage);
            assertThat(text("h1")).as(managementPage).isEqualTo("Who are you?");
            assertThat(text("body")).as(managementPage).doesNotContain(reference);
        }

        // a wrong code and a wrong reference get the very same answer, which tells a guesser nothing
        String wrongCode = trackTyped(reference, (code.charAt(0) == 'A' ? "B" : "A") + code.substring(1));
        String wrongReference = trackTyped(otherReference(reference), code);
        assertThat(wrongCode).isEqualTo("We could not find feedback with this reference number and access code.");
        assertThat(wrongReference).isEqualTo(wrongCode);
        screenshot("06-tracking-refused");

        // the guest is not satisfied and rejects the resolution
        asGuest(trackingLink);
        find("reason").sendKeys("The bathroom is still dirty.");
        press("reject");
        assertThat(find("status").getText()).isEqualTo("Being looked into");
        assertThat(find("timeline").getText()).contains("You did not accept the resolution");
        assertThat(browser.findElements(By.id("accept"))).isEmpty();

        // staff resolve again
        signInAs("ayse.yilmaz");
        open("staff/feedback/" + reference);
        assertThat(status()).isEqualTo("IN_PROGRESS");
        find("resolution-text").sendKeys("The bathroom was cleaned again, checked by the supervisor, and one night refunded.");
        press("resolve");
        assertThat(status()).isEqualTo("RESOLVED");

        // later the guest types the reference number and the code from the mail, and accepts; the feedback closes
        browser.manage().deleteAllCookies();
        assertThat(trackTyped(reference, code)).isNull();
        assertThat(find("resolution").getText()).startsWith("The bathroom was cleaned again");
        press("accept");
        assertThat(find("status").getText()).isEqualTo("Closed");
        assertThat(find("timeline").getText()).contains("You accepted the resolution");
        assertThat(browser.findElements(By.id("reject"))).isEmpty();
        screenshot("07-guest-accepted");

        MimeMessage invitation = awaitMail(m -> subject(m).contains("survey") || MessagesPage.text(m).contains("/survey/"));
        Matcher link = Pattern.compile("http://localhost:\\d+/survey/[A-Za-z0-9_-]+").matcher(MessagesPage.text(invitation));
        assertThat(link.find()).as("survey link in the invitation").isTrue();
        browser.get(link.group());
        assertThat(text("h1")).isEqualTo("Satisfaction survey");
        find("q-overall-4").click();
        find("q-nps-9").click();
        find("q-again-yes").click();
        find("q-comment").sendKeys("Handled kindly in the end.");
        screenshot("08-survey");
        press("submit-survey");
        assertThat(find("message").getText()).isEqualTo("Your answers have been recorded. Thank you for staying with us.");
        browser.get(link.group());
        assertThat(find("message").getText()).isEqualTo("This survey has already been answered. Thank you!");

        // the staff page shows the whole history
        signInAs("ayse.yilmaz");
        open("staff/feedback/" + reference);
        assertThat(status()).isEqualTo("CLOSED");
        List<String> events = browser.findElements(By.cssSelector("#history tr td:nth-child(3)")).stream().map(WebElement::getText).toList();
        assertThat(events).containsSubsequence("RECEIVED", "TAKEN", "RESOLVED", "REJECTED", "RESOLVED", "ACCEPTED", "SURVEY_INVITED");
        assertThat(events).contains("ACKNOWLEDGED", "NOTIFICATION_SENT");
        assertThat(find("chain-status").getText()).isEqualTo("Intact");
        assertThat(find("chain-head").getText()).matches("[0-9a-f]{64}");

        // its ISO 10002 audit pack: every step of the tracking record, in order, and no gap
        follow(find("audit-pack"));
        assertThat(text("section.record h2")).startsWith(reference);
        List<String> stages = browser.findElements(By.cssSelector("section.record tbody tr td:nth-child(1)")).stream().map(WebElement::getText).toList();
        assertThat(stages).containsSubsequence("receipt", "acknowledgement", "response", "decision", "response", "decision");
        assertThat(stages).doesNotContain("assessment"); // nobody recorded an assessment: the pack says so
        assertThat(find("gaps").getText()).contains("not assessed");
        screenshot("10-audit-pack");
        open("staff/feedback/" + reference);

        // a corrective action opened from it
        follow(browser.findElement(By.partialLinkText("Open a corrective action")));
        find("title").sendKeys("Bathrooms missed by the cleaning checklist");
        find("problem").sendKeys("Guests find bathrooms not cleaned after check-out.");
        press("open-capa");
        assertThat(find("capa-status").getText()).isEqualTo("OPEN");
        find("whys").sendKeys("Bathroom not cleaned\nChecklist skipped under time pressure\nToo many rooms per attendant");
        find("findings").sendKeys("Room quota too high on change-over days");
        press("record-root-cause");
        assertThat(text("h2")).startsWith("Root cause (FIVE_WHYS)");
        new Select(find("item-kind")).selectByValue("TRAINING");
        find("item-text").sendKeys("Bathroom checklist training for all room attendants");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = '2031-01-15'", find("due"));
        press("add-item");
        // a verification judges finished work: it is not offered while the item is open
        assertThat(browser.findElements(By.id("verify"))).isEmpty();
        assertThat(find("verify-later").getText()).contains("open items are finished");
        press("close-capa"); // refused: the item is open and nothing was verified
        assertThat(text("h1")).isEqualTo("Not possible now");
        open("capa");
        follow(browser.findElement(By.linkText("Bathrooms missed by the cleaning checklist")));
        find("number").sendKeys("1");
        find("outcome").sendKeys("Twelve attendants trained");
        press("complete-item");
        find("agreement").sendKeys("The guest agreed to the checklist change");
        press("record-agreement");
        find("result").sendKeys("No bathroom complaints in the following month");
        find("before").sendKeys("6");
        find("after").sendKeys("0");
        press("verify");
        screenshot("09-capa");
        press("close-capa");
        assertThat(find("capa-status").getText()).isEqualTo("CLOSED");
        assertThat(find("items").getText()).contains("Twelve attendants trained", "DONE");

        // the messages view lists what was sent
        open("messages");
        assertThat(find("mails").getText()).contains("We have received your feedback: " + reference);
        assertThat(find("sms").getText()).contains("+905550001101"); // housekeeping's duty phone told of the new complaint
        screenshot("11-messages");
    }

    @Test
    void theManagementReviewDrawsTheSeededYearAndDownloadsAsCsv() throws Exception {
        signInAs("nur.aksoy");
        follow(browser.findElement(By.linkText("Reports")));
        assertThat(text("h1")).isEqualTo("Management review");
        String csvLink = find("review-csv").getAttribute("href");

        // the review is the library's own document in a frame: its charts are inline SVG, drawn by the browser
        browser.switchTo().frame(find("review"));
        List<WebElement> charts = browser.findElements(By.tagName("svg"));
        assertThat(charts).hasSize(6); // trend, complaints per subject, targets met, per location, per department, backlog age
        assertThat(charts).allSatisfy(chart -> assertThat(chart.getSize().getWidth()).isGreaterThan(300));
        // the trend line has a point for each month of both periods, the subject chart a bar for most of the chain's subjects
        String trend = browser.findElement(By.cssSelector("svg.line-chart polyline")).getAttribute("points");
        assertThat(trend.trim().split("\\s+")).hasSize(12);
        assertThat(charts.get(1).findElements(By.tagName("rect")).size()).isGreaterThan(16);
        browser.switchTo().defaultContent();
        browser.manage().window().setSize(new Dimension(1280, 2000)); // the summary, the suggestions and the first charts
        screenshot("12-management-review");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        // the CSV download, for the signed-in staff member only: one figure a row, the seeded year's feedback in both periods
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvLink)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/staff");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvLink)).header("Cookie", cookies()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("section,figure,key,previous,current");
        String[] received = rows.stream().filter(r -> r.startsWith("outcomes,received,")).findFirst().orElseThrow().split(",");
        assertThat(Integer.parseInt(received[3])).isGreaterThan(80);
        assertThat(Integer.parseInt(received[4])).isGreaterThan(80);

        // filtered to one hotel's complaints: fewer, and the page keeps the choice for its downloads
        new Select(find("location")).selectByValue("antalya-lara");
        new Select(find("kind")).selectByValue("COMPLAINT");
        press("show-review");
        String filtered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(find("review-csv").getAttribute("href")))
                .header("Cookie", cookies()).build(), HttpResponse.BodyHandlers.ofString()).body();
        String[] antalya = filtered.lines().filter(r -> r.startsWith("outcomes,received,")).findFirst().orElseThrow().split(",");
        assertThat(Integer.parseInt(antalya[4])).isPositive().isLessThan(Integer.parseInt(received[4]));
        assertThat(filtered).doesNotContain("istanbul-bosphorus").contains("count by kind,feedback,COMPLAINT,");

        // a period the page cannot show is refused, naming the parameter
        open("reports?months=99");
        assertThat(text("h1")).isEqualTo("Please check your input");
        assertThat(text(".error")).startsWith("months: must be between 1 and 24"); // the field named once
    }

    @Test
    void aClientThatKeepsGuessingIsToldToTryLater() throws Exception {
        // an app of its own whose limiter allows two lookups per client, so the other tests keep their allowance
        try (HotelDeskApp limited = HotelDeskApp.start(temp.resolve("db-limited"), 0,
                new TokenBucketRateLimiter(2, Duration.ofHours(1), Clock.systemUTC()))) {
            HttpClient http = HttpClient.newHttpClient();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HttpRequest guess = HttpRequest.newBuilder(URI.create(limited.url() + "track/FB-2026-000001-6?code=guess" + i + "&lang=en")).build();
                answers.add(http.send(guess, HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(404, 404, 429);
            List<String> pages = answers.stream().map(HttpResponse::body).toList();
            assertThat(pages.get(0)).contains("We could not find feedback with this reference number and access code.");
            assertThat(pages.get(1)).contains("We could not find feedback with this reference number and access code.");
            assertThat(pages.get(2)).contains("Too many attempts. Please try again later.")
                    .doesNotContain("We could not find feedback");
        }
    }

    @Test
    void staffPlanRedirectAndCancel() {
        signInAs("murat.demir");
        assertThat(text("h1")).isEqualTo("Queue: Technical Service");
        WebElement first = browser.findElement(By.cssSelector("#queue a.reference"));
        String reference = first.getText();
        follow(first);
        press("take");
        find("plan-note").sendKeys("Compressor part ordered");
        press("plan");
        assertThat(status()).isEqualTo("PLANNED");
        new Select(find("to")).selectByValue("guest-relations");
        find("redirect-reason").sendKeys("The guest asks for another room instead");
        press("redirect");
        assertThat(status()).isEqualTo("NEW");
        assertThat(find("history").getText()).contains("TAKEN", "PLANNED", "REDIRECTED", "The guest asks for another room instead");

        signInAs("gul.arslan");
        assertThat(find("queue").getText()).contains(reference);
        open("staff/feedback/" + reference);
        find("cancel-reason").sendKeys("The guest withdrew the complaint at check-out");
        press("cancel");
        assertThat(status()).isEqualTo("CANCELLED");
        assertThat(browser.findElements(By.id("take"))).isEmpty();
    }

    @Test
    void redirectOffersOnlyActiveDepartmentsAndRefusesOneDeactivatedMeanwhile() {
        DepartmentId food = DepartmentId.of("food-and-beverage");
        signInAs("ayse.yilmaz");
        follow(browser.findElement(By.cssSelector("#queue a.reference")));
        List<String> offered = new Select(find("to")).getOptions().stream().map(o -> o.getAttribute("value")).toList();
        assertThat(offered).contains(food.value());
        try {
            // the form was loaded while Food and Beverage was active; it is deactivated before the form is sent
            new Select(find("to")).selectByValue(food.value());
            find("redirect-reason").sendKeys("The guest means the minibar");
            app.catalogs().deactivate(HotelChain.TENANT, CatalogRef.of(food));
            press("redirect");
            assertThat(text("h1")).isEqualTo("Please check your input");
            assertThat(text(".error")).startsWith("department:").contains(food.value());

            browser.navigate().back();
            assertThat(new Select(find("to")).getOptions()).extracting(o -> o.getAttribute("value"))
                    .doesNotContain(food.value()).contains("guest-relations");
            assertThat(find("history").getText()).doesNotContain("REDIRECTED");
        } finally {
            app.catalogs().reactivate(HotelChain.TENANT, CatalogRef.of(food));
        }
    }

    @Test
    void aPlanMoreThanTenYearsAheadIsRefusedNamingTheField() {
        signInAs("selin.koc");
        follow(browser.findElement(By.cssSelector("#queue a.reference")));
        if (!browser.findElements(By.id("take")).isEmpty()) {
            press("take");
        }
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2199-01-01T12:00'", find("until"));
        press("plan");
        assertThat(text("h1")).isEqualTo("Please check your input");
        assertThat(text(".error")).startsWith("until:");
    }

    @Test
    void aCancelFromAPageLoadedBeforeTheResolutionIsRefusedWithTheReason() throws Exception {
        open("?lang=en");
        new Select(find("subject")).selectByValue("front-office.check-in");
        find("description").sendKeys("Check-in took forty minutes");
        find("name").sendKeys("Anna Weber");
        find("email").sendKeys("anna.weber@example.de");
        press("send");
        String reference = find("reference").getText();

        signInAs("elif.sahin");
        open("staff/feedback/" + reference);
        press("take");
        // the page still offers Cancel; meanwhile a colleague resolves the feedback in the same session
        String csrf = browser.findElement(By.name("csrf")).getAttribute("value");
        HttpResponse<String> resolved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url() + "staff/feedback/" + reference + "/resolve"))
                .header("Cookie", cookies()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&resolution=Checked+in+at+once+next+time")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resolved.statusCode()).isEqualTo(303);

        find("cancel-reason").sendKeys("Sent twice by mistake");
        press("cancel");
        assertThat(text("h1")).isEqualTo("Not possible now");
        assertThat(text(".error")).contains("cannot cancel", reference, "RESOLVED");
        open("staff/feedback/" + reference);
        assertThat(status()).isEqualTo("RESOLVED");
        assertThat(browser.findElements(By.id("cancel"))).isEmpty();
    }

    @Test
    void theFrontOfficeAnswersAGuestsAccessRequestAndErasesThem() throws Exception {
        // a guest of this test's own, so the seeded guests stay as the other tests expect them
        open("?lang=en");
        new Select(find("subject")).selectByValue("front-office.billing");
        find("description").sendKeys("I was charged twice for the minibar");
        find("name").sendKeys("Sofia Rossi");
        find("email").sendKeys("sofia.rossi@example.it");
        press("send");
        String reference = find("reference").getText();

        // the front office's head looks the guest up for their request: an export, recorded with her name and the reference
        signInAs("elif.sahin");
        follow(find("nav-privacy"));
        find("guest").sendKeys("Sofia.Rossi@example.it");
        find("why").sendKeys("KVKK-2026-0042");
        press("find-guest");
        assertThat(text("h1")).isEqualTo("What we hold on this guest");
        assertThat(find("feedback").getText()).contains(reference);
        assertThat(find("access-log").getText()).contains("EXPORT", "Elif Şahin", "KVKK-2026-0042");
        screenshot("13-privacy-export");

        // the erasure asks first, then anonymises the guest's feedback and is in the log
        press("erase");
        assertThat(find("to-erase").getText()).startsWith("1 feedback will be anonymised: " + reference);
        press("erase-confirmed");
        assertThat(text("h1")).isEqualTo("Guest erased");
        assertThat(find("anonymised").getText()).isEqualTo(reference);
        assertThat(find("access-log").getText()).contains("ANONYMISATION", "ERASURE");
        screenshot("14-privacy-erased");
        open("staff/feedback/" + reference);
        assertThat(text("body")).contains("[anonymised]").doesNotContain("Sofia", "sofia.rossi", "minibar");
    }

    @Test
    void aGuestsBadPhoneNumberIsRefusedNamingTheField() {
        open("?lang=en");
        find("description").sendKeys("Noise from the street all night");
        find("name").sendKeys("Jan Novak");
        find("phone").sendKeys("12");
        press("send");
        assertThat(text("h1")).isEqualTo("Please check your input");
        assertThat(text(".error")).startsWith("phone:");
    }

    private void open(String path) {
        browser.get(app.url() + path);
    }

    /** The browser's cookies for this app, as a {@code Cookie} header: a download made outside the browser in its session. */
    private String cookies() {
        return browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(java.util.stream.Collectors.joining("; "));
    }

    private void signInAs(String staff) {
        browser.manage().deleteAllCookies();
        open("staff");
        find("as-" + staff).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("queue")));
    }

    /** Opens a tracking link as a guest: a different person from the staff member before. */
    private void asGuest(String link) {
        browser.manage().deleteAllCookies();
        browser.get(link);
        find("status");
    }

    /** Types a reference and code into the tracking form; answers the message shown, or null if the feedback opened. */
    private String trackTyped(String reference, String code) {
        open("track?lang=en");
        find("reference").sendKeys(reference);
        find("code").sendKeys(code);
        press("show");
        wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("status")),
                ExpectedConditions.presenceOfElementLocated(By.id("problem"))));
        List<WebElement> problem = browser.findElements(By.id("problem"));
        return problem.isEmpty() ? null : problem.get(0).getText();
    }

    /** A well-formed reference number of this year that is not {@code reference}: its serial number plus one. */
    private static String otherReference(String reference) {
        ReferenceNumber own = ReferenceNumber.parse(reference);
        return ReferenceNumber.of(own.prefix(), own.year(), own.sequence() + 1000).toString();
    }

    /** Clicks a button or link that loads another page, and waits until this one is gone. */
    private void press(String id) {
        follow(find(id));
    }

    /**
     * Marks the current document, clicks, and waits until a document without the mark has loaded. Waiting for the
     * clicked element to go stale is not enough: while the page is being replaced, ChromeDriver may answer the
     * staleness probe with "unknown error: Node with given id does not belong to the document" instead.
     */
    private void follow(WebElement element) {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("document.documentElement.setAttribute('data-left', '')");
        element.click();
        wait.until(d -> {
            try {
                return Boolean.TRUE.equals(script.executeScript(
                        "return document.readyState === 'complete' && !document.documentElement.hasAttribute('data-left')"));
            } catch (WebDriverException navigating) {
                return false; // the old document went away under the script; ask the next one
            }
        });
    }

    private String status() {
        return find("status").getText();
    }

    private WebElement find(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private String text(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css))).getText();
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @FunctionalInterface
    private interface MailCheck {
        boolean test(MimeMessage m) throws Exception;
    }

    /** The first mail to the guest that passes {@code check}, waiting for the dispatcher (it runs every second). */
    private MimeMessage awaitMail(MailCheck check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : app.mail().getReceivedMessages()) {
                boolean toGuest = Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(GUEST));
                if (toGuest && check.test(m)) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such mail to " + GUEST + " within 30 s; received: " + Arrays.stream(app.mail().getReceivedMessages())
                .map(HotelDeskBrowserTest::subject).toList());
    }

    private static String subject(MimeMessage m) {
        try {
            return Optional.ofNullable(m.getSubject()).orElse("");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
