package io.memnun.examples.hotel;

import static io.memnun.examples.hotel.Layout.esc;

import io.memnun.Reports;
import io.memnun.error.ValidationException;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.report.AuditPackHtml;
import io.memnun.report.ReportFilter;
import io.memnun.report.ReportPeriod;
import io.memnun.report.ReviewCsv;
import io.memnun.report.ReviewHtml;
import io.memnun.report.json.ReportJson;
import io.memnun.routing.Catalog;
import io.memnun.spi.CatalogStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The management review: a period (whole months, the last six by default, compared with the six before) and
 * optional hotel, department and kind filters; the review itself is the library's self-contained HTML document,
 * shown in a frame and downloadable as HTML, CSV and JSON. Also each feedback's ISO 10002 audit pack.
 */
final class ReportPages {
    static final int DEFAULT_MONTHS = 6;
    private static final int MAX_MONTHS = 24;

    private final Reports reports;
    private final CatalogStore catalogs;
    private final Clock clock;

    ReportPages(Reports reports, CatalogStore catalogs, Clock clock) {
        this.reports = reports;
        this.catalogs = catalogs;
        this.clock = clock;
    }

    void register(Web web) {
        web.get("/reports", StaffPages.staffOnly(this::page));
        web.get("/reports/review\\.html", StaffPages.staffOnly(r -> Web.Response.html(ReviewHtml.render(reports.review(filter(r))))));
        web.get("/reports/review\\.csv", StaffPages.staffOnly(
                r -> download("text/csv", "management-review.csv", ReviewCsv.render(reports.review(filter(r))))));
        web.get("/reports/review\\.json", StaffPages.staffOnly(
                r -> download("application/json", "management-review.json", ReportJson.review(reports.review(filter(r))))));
        web.get("/reports/audit/([A-Za-z0-9-]+)", StaffPages.staffOnly(r -> Web.Response.html(AuditPackHtml.render(
                reports.auditPack(HotelChain.TENANT, ReferenceNumber.parse(r.segment(1))), HotelChain.ZONE))));
    }

    /** The filter the request's parameters choose; every parameter is optional and checked. */
    private ReportFilter filter(Web.Request r) {
        Catalog catalog = catalogs.catalog(HotelChain.TENANT);
        ReportFilter filter = ReportFilter.of(HotelChain.TENANT, period(r));
        if (r.param("location").isPresent()) {
            LocationId location = LocationId.of(r.required("location"));
            if (catalog.location(location).isEmpty()) {
                throw new ValidationException("location", "is not a hotel or office of the chain");
            }
            filter = filter.withLocationSubtree(catalog, location);
        }
        if (r.param("department").isPresent()) {
            DepartmentId department = DepartmentId.of(r.required("department"));
            if (catalog.department(department).isEmpty()) {
                throw new ValidationException("department", "is not a department of the chain");
            }
            filter = filter.withDepartment(department);
        }
        if (r.param("kind").isPresent()) {
            filter = filter.withKind(Arrays.stream(FeedbackKind.values()).filter(k -> k.name().equals(r.required("kind"))).findFirst()
                    .orElseThrow(() -> new ValidationException("kind", "must be one of " + Arrays.toString(FeedbackKind.values()))));
        }
        return filter;
    }

    /** {@code from} (a month, yyyy-MM) and {@code months}; by default the last six whole months before this one. */
    private ReportPeriod period(Web.Request r) {
        int months;
        try {
            months = Integer.parseInt(r.param("months").orElse(String.valueOf(DEFAULT_MONTHS)));
        } catch (NumberFormatException e) {
            throw new ValidationException("months", "must be a whole number");
        }
        if (months < 1 || months > MAX_MONTHS) {
            throw new ValidationException("months", "must be between 1 and " + MAX_MONTHS);
        }
        if (r.param("from").isEmpty()) {
            return ReportPeriod.lastMonths(months, LocalDate.now(clock.withZone(HotelChain.ZONE)), HotelChain.ZONE);
        }
        try {
            return ReportPeriod.months(YearMonth.parse(r.required("from")), months, HotelChain.ZONE);
        } catch (DateTimeParseException e) {
            throw new ValidationException("from", "must be a month like 2026-01");
        }
    }

    private Web.Response page(Web.Request r) {
        ReportFilter filter = filter(r); // refuses bad parameters before anything is drawn
        Catalog catalog = catalogs.catalog(HotelChain.TENANT);
        Map<String, String> chosen = new LinkedHashMap<>();
        chosen.put("from", YearMonth.from(filter.period().from()).toString());
        chosen.put("months", String.valueOf(filter.period().monthly().size()));
        r.param("location").ifPresent(v -> chosen.put("location", v));
        r.param("department").ifPresent(v -> chosen.put("department", v));
        r.param("kind").ifPresent(v -> chosen.put("kind", v));
        String query = query(chosen);
        String body = "<h1>Management review</h1><p class=\"muted\">" + esc(filter.period().label()) + " compared with "
                + esc(filter.period().previous().label()) + " · times in " + HotelChain.ZONE + "</p>"
                + "<div class=\"card\"><form method=\"get\" action=\"/reports\" id=\"report-filter\" class=\"filters\">"
                + "<div><label for=\"from\">First month</label><input type=\"text\" name=\"from\" id=\"from\" value=\"" + esc(chosen.get("from")) + "\"></div>"
                + "<div><label for=\"months\">Months</label>" + Layout.select("months", chosen.get("months"), "1", "1 month", "3", "3 months",
                        "6", "6 months", "12", "12 months") + "</div>"
                + "<div><label for=\"location\">Hotel</label>" + Layout.select("location", chosen.getOrDefault("location", ""),
                        Stream.concat(Stream.of("", "All"), catalog.locations().stream().flatMap(l -> Stream.of(l.id().value(), l.name().en())))
                                .toArray(String[]::new)) + "</div>"
                + "<div><label for=\"department\">Department</label>" + Layout.select("department", chosen.getOrDefault("department", ""),
                        Stream.concat(Stream.of("", "All"), catalog.departments().stream().flatMap(d -> Stream.of(d.id().value(), d.name().en())))
                                .toArray(String[]::new)) + "</div>"
                + "<div><label for=\"kind\">Kind</label>" + Layout.select("kind", chosen.getOrDefault("kind", ""),
                        Stream.concat(Stream.of("", "All"), Arrays.stream(FeedbackKind.values()).flatMap(k -> Stream.of(k.name(), k.name())))
                                .toArray(String[]::new)) + "</div>"
                + "<div><button type=\"submit\" id=\"show-review\">Show</button></div></form>"
                + "<p>Download: <a id=\"review-html\" href=\"/reports/review.html?" + query + "\">HTML (printable)</a> · "
                + "<a id=\"review-csv\" href=\"/reports/review.csv?" + query + "\">CSV</a> · "
                + "<a id=\"review-json\" href=\"/reports/review.json?" + query + "\">JSON</a></p></div>"
                + "<iframe id=\"review\" title=\"Management review\" src=\"/reports/review.html?" + query
                + "\" style=\"width:100%;height:6400px;border:0;background:#fff;border-radius:8px\"></iframe>";
        return Web.Response.html(Layout.page(r.session(), "Management review", body));
    }

    private static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&amp;").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return q.toString();
    }

    /** A file the browser saves instead of showing. */
    static Web.Response download(String type, String fileName, String content) {
        return new Web.Response(200, type + "; charset=utf-8", content.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
    }
}
