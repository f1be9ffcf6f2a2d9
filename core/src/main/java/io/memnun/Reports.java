package io.memnun;

import io.memnun.capa.ActionItem;
import io.memnun.capa.CorrectiveAction;
import io.memnun.error.NotFoundException;
import io.memnun.feedback.Cursor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKey;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Page;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.AccessDeniedException;
import io.memnun.privacy.AccessPolicy;
import io.memnun.privacy.Viewer;
import io.memnun.report.AuditPack;
import io.memnun.report.AuditRecord;
import io.memnun.report.CapaLine;
import io.memnun.report.Count;
import io.memnun.report.Dimension;
import io.memnun.report.DurationStats;
import io.memnun.report.Figures;
import io.memnun.report.ManagementReview;
import io.memnun.report.RecurringProblem;
import io.memnun.report.ReportFilter;
import io.memnun.report.ReportPeriod;
import io.memnun.report.ReviewRules;
import io.memnun.report.SubjectChange;
import io.memnun.report.SurveyLine;
import io.memnun.report.TrendPoint;
import io.memnun.spi.CapaStore;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.survey.DepartmentScore;
import io.memnun.survey.Period;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reports over a tenant's feedback: every figure of a filter, the management review that compares a period with the
 * previous one, and the ISO 10002 audit pack. Built from the stores (a {@link ReportStore} answers the aggregates;
 * the feedback store lends the histories for the audit pack; corrective actions and survey scores are optional).
 *
 * <pre>{@code
 * Reports reports = Reports.builder(storage.reportStore()).feedbackStore(storage.feedbackStore())
 *         .capaStore(storage.capaStore()).surveys(surveyDesk).build();
 * ManagementReview review = reports.review(ReportFilter.of(tenant, ReportPeriod.lastMonths(6, today, zone)));
 * String html = ReviewHtml.render(review);
 * }</pre>
 */
public final class Reports {
    private final ReportStore store;
    private final @Nullable FeedbackStore feedback;
    private final @Nullable CapaStore capa;
    private final @Nullable SurveyDesk surveys;
    private final Clock clock;
    private final Duration recurrenceWindow;
    private final ReviewRules rules;
    /** The member of staff these reports are scoped to; null for the whole tenant. */
    private final @Nullable Viewer viewer;

    private Reports(Reports all, Viewer viewer) {
        this.store = all.store;
        this.feedback = all.feedback;
        this.capa = all.capa;
        this.surveys = all.surveys;
        this.clock = all.clock;
        this.recurrenceWindow = all.recurrenceWindow;
        this.rules = all.rules;
        this.viewer = viewer;
    }

    private Reports(Builder b) {
        this.viewer = null;
        this.store = b.store;
        this.feedback = b.feedback;
        this.capa = b.capa;
        this.surveys = b.surveys;
        this.clock = b.clock;
        this.recurrenceWindow = b.recurrenceWindow;
        this.rules = b.rules;
    }

    public static Builder builder(ReportStore store) {
        return new Builder(store);
    }

    /** Every figure of {@code filter}; the backlog is measured now. */
    public Figures figures(ReportFilter filter) {
        filter = scoped(filter);
        List<DurationStats> overall = store.handlingTime(filter, null);
        return new Figures(filter, store.outcomes(filter), store.count(filter, Dimension.KIND), store.count(filter, Dimension.SUBJECT),
                store.count(filter, Dimension.LOCATION), store.count(filter, Dimension.DEPARTMENT), store.count(filter, Dimension.CHANNEL),
                store.count(filter, Dimension.STATUS), overall.isEmpty() ? DurationStats.NONE : overall.get(0),
                store.handlingTime(filter, Dimension.SUBJECT), store.handlingTime(filter, Dimension.DEPARTMENT),
                store.slaCompliance(filter, null), store.slaCompliance(filter, Dimension.DEPARTMENT), store.slaCompliance(filter, Dimension.LOCATION),
                store.recurrence(filter, recurrenceWindow), store.backlog(filter, clock.instant()));
    }

    /** The management review of {@code filter}'s period against the previous period of the same length. */
    public ManagementReview review(ReportFilter filter) {
        filter = scoped(filter);
        ReportFilter before = filter.previous();
        Figures current = figures(filter);
        Figures previous = figures(before);
        List<TrendPoint> trend = new ArrayList<>();
        for (ReportPeriod month : concat(before.period().monthly(), filter.period().monthly())) {
            List<Count> kinds = store.count(filter.withPeriod(month), Dimension.KIND);
            trend.add(new TrendPoint(month.label(), kinds.stream().mapToLong(Count::count).sum(),
                    Figures.countOf(kinds, FeedbackKind.COMPLAINT.name())));
        }
        List<SubjectChange> subjects = ManagementReview.subjectChanges(
                store.count(before.withKind(ManagementReview.COMPARED_KIND), Dimension.SUBJECT),
                store.count(filter.withKind(ManagementReview.COMPARED_KIND), Dimension.SUBJECT));
        List<RecurringProblem> recurring = store.recurringProblems(filter, rules.recurringMinimum(), 10);
        List<CapaLine> capas = openCapas(filter);
        String title = "Management review " + filter.period().label() + " (compared with " + before.period().label() + ")";
        return new ManagementReview(title, clock.instant(), current, previous, trend, subjects, recurring, capas, surveyLines(filter),
                ManagementReview.suggest(rules, current, previous, subjects, recurring, capas));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<CapaLine> openCapas(ReportFilter filter) {
        if (capa == null) {
            return List.of();
        }
        Instant now = clock.instant();
        List<CapaLine> lines = new ArrayList<>();
        for (CorrectiveAction a : capa.open(filter.tenant())) {
            if (!filter.covers(a.department())) {
                continue;
            }
            List<ActionItem> open = a.openItems();
            int overdue = (int) open.stream().filter(i -> i.due().isBefore(now)).count();
            Instant earliest = open.stream().map(ActionItem::due).min(Comparator.naturalOrder()).orElse(null);
            lines.add(new CapaLine(a.id().toString(), a.title(), a.department().value(), a.origin().subject() == null ? null
                    : a.origin().subject().value(), a.openedAt(), open.size(), overdue, earliest));
        }
        return lines;
    }

    private List<SurveyLine> surveyLines(ReportFilter filter) {
        if (surveys == null) {
            return List.of();
        }
        List<SurveyLine> lines = new ArrayList<>();
        Period period = new Period(filter.period().label(), filter.period().start(), filter.period().end());
        for (DepartmentScore s : surveys.scores(filter.tenant(), period)) {
            if (!filter.covers(s.department())) {
                continue;
            }
            lines.add(new SurveyLine(s.department().value(), s.csat().valueIfAny(), s.nps().valueIfAny(), s.responseRate().valueIfAny(),
                    s.responses()));
        }
        return lines;
    }

    /** The audit pack of one feedback. */
    public AuditPack auditPack(TenantId tenant, FeedbackKey key) {
        FeedbackStore fs = feedbackStore();
        Feedback f = (key instanceof FeedbackId id ? fs.find(tenant, id) : fs.findByReference(tenant, (ReferenceNumber) key))
                .orElseThrow(() -> new NotFoundException("feedback " + key + " in tenant " + tenant));
        if (viewer != null && !AccessPolicy.byDepartment().canView(viewer, f)) {
            throw new AccessDeniedException(viewer.staff(), "view", "the audit pack of feedback " + f.reference());
        }
        Instant now = clock.instant();
        return new AuditPack("Audit pack " + f.reference(), now, List.of(AuditRecord.of(f, fs.history(tenant, f.id()), now)));
    }

    /** The audit pack of every feedback {@code filter} selects, in order of receipt. */
    public AuditPack auditPack(ReportFilter filter) {
        filter = scoped(filter);
        FeedbackStore fs = feedbackStore();
        Instant now = clock.instant();
        FeedbackQuery.Builder b = FeedbackQuery.builder(filter.tenant()).receivedBetween(filter.period().start(), filter.period().end())
                .department(filter.department()).channel(filter.channel()).limit(FeedbackQuery.MAX_LIMIT);
        if (filter.kind() != null) {
            b.kind(filter.kind());
        }
        FeedbackQuery q = b.build();
        List<AuditRecord> records = new ArrayList<>();
        while (true) {
            Page<Feedback> page = fs.query(q);
            for (Feedback f : page.items()) {
                if (filter.matches(f)) {
                    records.add(AuditRecord.of(f, fs.history(filter.tenant(), f.id()), now));
                }
            }
            Cursor next = page.next().orElse(null);
            if (next == null) {
                break;
            }
            q = q.after(next);
        }
        return new AuditPack("Audit pack " + filter.period().label(), now, records);
    }

    /**
     * These reports as one member of staff may see them, under {@link io.memnun.privacy.AccessPolicy#byDepartment()}:
     * every figure, review and audit pack counts only the feedback of the viewer's departments (all of them for
     * {@link Viewer.Role#ALL_DEPARTMENTS} and {@link Viewer.Role#PRIVACY_OFFICER}); a filter naming another department,
     * and the audit pack of another department's feedback, are refused with {@link AccessDeniedException}.
     */
    public Reports scopedTo(Viewer viewer) {
        Objects.requireNonNull(viewer, "viewer");
        if (viewer.has(Viewer.Role.ALL_DEPARTMENTS) || viewer.has(Viewer.Role.PRIVACY_OFFICER)) {
            return this;
        }
        return new Reports(this, viewer);
    }

    /** The filter as the viewer may run it: within their departments, or refused if it names another. */
    private ReportFilter scoped(ReportFilter filter) {
        Objects.requireNonNull(filter, "filter");
        if (viewer == null) {
            return filter;
        }
        if (filter.department() != null && !viewer.departments().contains(filter.department())) {
            throw new AccessDeniedException(viewer.staff(), "view", "reports of department " + filter.department().value());
        }
        if (filter.scope() != null && !viewer.departments().containsAll(filter.scope())) {
            throw new AccessDeniedException(viewer.staff(), "view", "reports of departments " + filter.scope().stream()
                    .map(DepartmentId::value).sorted().toList());
        }
        return filter.withinDepartments(viewer.departments());
    }

    private FeedbackStore feedbackStore() {
        if (feedback == null) {
            throw new IllegalStateException("an audit pack needs the feedback store: Reports.builder(...).feedbackStore(store)");
        }
        return feedback;
    }

    /** Wires the reports; only the report store is required. */
    public static final class Builder {
        private final ReportStore store;
        private @Nullable FeedbackStore feedback;
        private @Nullable CapaStore capa;
        private @Nullable SurveyDesk surveys;
        private Clock clock = Clock.systemUTC();
        private Duration recurrenceWindow = Duration.ofDays(30);
        private ReviewRules rules = ReviewRules.DEFAULTS;

        private Builder(ReportStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Where the histories for audit packs come from. */
        public Builder feedbackStore(FeedbackStore store) {
            this.feedback = Objects.requireNonNull(store, "feedbackStore");
            return this;
        }

        /** Where the open corrective actions for the review come from. */
        public Builder capaStore(CapaStore store) {
            this.capa = Objects.requireNonNull(store, "capaStore");
            return this;
        }

        /** Where the survey scores for the review come from. */
        public Builder surveys(SurveyDesk desk) {
            this.surveys = Objects.requireNonNull(desk, "surveys");
            return this;
        }

        /** The time source of "now" (backlog ages, overdue items, audit gaps). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How far back an earlier feedback makes one a repeat; 30 days unless set. */
        public Builder recurrenceWindow(Duration window) {
            Objects.requireNonNull(window, "recurrenceWindow");
            if (window.isNegative() || window.isZero()) {
                throw new io.memnun.error.ValidationException("recurrenceWindow", "must be positive, was " + window);
            }
            this.recurrenceWindow = window;
            return this;
        }

        /** The thresholds of the review's suggestions. */
        public Builder rules(ReviewRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        public Reports build() {
            return new Reports(this);
        }
    }
}
