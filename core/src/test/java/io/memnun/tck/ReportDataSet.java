package io.memnun.tck;

import io.memnun.FeedbackDesk;
import io.memnun.DeskConfig;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.Recourse;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.Status;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.Catalog;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Location;
import io.memnun.sla.BusinessCalendar;
import io.memnun.sla.CalendarRegistry;
import io.memnun.sla.SlaEngine;
import io.memnun.sla.SlaPolicy;
import io.memnun.sla.SlaTarget;
import io.memnun.sla.TurkishHolidays;
import io.memnun.spi.FeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A seeded, generated data set for the report tests: a hotel group with hotels in Istanbul, Berlin and New York
 * (each counting business hours on its own calendar and time zone), thousands of feedback received over two years,
 * each walked through a planned lifecycle (taken, asked, resolved, accepted, rejected, closed without answer,
 * appealed). The plan is also the answer key: {@link Planned} holds what each feedback's final state and clock
 * rounds must be, computed here from the plan and the calendars, not by the code under test.
 */
public final class ReportDataSet {
    public static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** The first day of the two years, and the day after the last. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2024, 11, 1);
    public static final LocalDate END_DAY = LocalDate.of(2026, 11, 1);
    public static final Instant START = FIRST_DAY.atStartOfDay(ISTANBUL).toInstant();
    public static final Instant END = END_DAY.atStartOfDay(ISTANBUL).toInstant();
    /** From here on complaints about noise and cleanliness surge. */
    public static final Instant SURGE = LocalDate.of(2026, 5, 1).atStartOfDay(ISTANBUL).toInstant();
    /** When the generation finishes and the backlog is measured. */
    public static final Instant AS_OF = END.plus(Duration.ofHours(30));

    public static final Duration ACK_TARGET = Duration.ofHours(4);
    public static final Duration FIRST_RESPONSE_TARGET = Duration.ofHours(16);
    public static final Duration RESOLUTION_TARGET = Duration.ofHours(40);
    public static final Duration CLOSING_PERIOD = Duration.ofDays(14);

    public static final LocationId IST = LocationId.of("hotel-istanbul");
    public static final LocationId IST_ROOMS = LocationId.of("ist-rooms");
    public static final LocationId IST_RESTAURANT = LocationId.of("ist-restaurant");
    public static final LocationId BER = LocationId.of("hotel-berlin");
    public static final LocationId BER_ROOMS = LocationId.of("ber-rooms");
    public static final LocationId NYC = LocationId.of("hotel-new-york");
    public static final LocationId NYC_ROOMS = LocationId.of("nyc-rooms");
    static final List<LocationId> LOCATIONS = List.of(IST, IST_ROOMS, IST_RESTAURANT, BER, BER_ROOMS, NYC, NYC_ROOMS);
    static final List<String> SUBJECTS = List.of("air-conditioning", "billing", "breakfast", "cleanliness", "noise", "staff-attitude");
    static final List<String> DEPARTMENTS = List.of("food-and-beverage", "front-office", "housekeeping", "technical-service");
    static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.PHONE, Channel.WEB_FORM, Channel.FACE_TO_FACE);

    public final TenantId tenant;
    public final List<Planned> planned = new ArrayList<>();
    public final Catalog catalog;
    private final Map<String, BusinessCalendar> calendars = new HashMap<>();

    /** What is done to a feedback, in order. */
    public enum Step { TAKE, AWAIT, RESPOND, RESOLVE, ACCEPT, REJECT, REJECT_WITH_ALTERNATIVE, CLOSE_NO_RESPONSE, APPEAL }

    /** One action at an instant. */
    public record Action(@Nullable Step step, Instant at) {}

    /** A clock round the plan ends: the answer key of SLA compliance and handling time. */
    public record Round(SlaKind kind, long usedMillis, boolean met) {}

    /** One feedback as planned, and what its state must be after the plan ran. */
    public static final class Planned {
        public final int index;
        public final Instant receivedAt;
        public final FeedbackKind kind;
        public final Channel channel;
        public final @Nullable String subject;
        public final @Nullable LocationId location;
        public final @Nullable String department;
        public final @Nullable String email;
        public final @Nullable String phone;
        public final @Nullable String externalId;
        public final List<Action> actions = new ArrayList<>();
        public final List<Round> rounds = new ArrayList<>();
        public Status status = Status.NEW;
        public @Nullable ClosureReason closureReason;
        public boolean resolved;
        public int rejections;
        public int appeals;
        public @Nullable FeedbackId id;

        Planned(int index, Instant receivedAt, FeedbackKind kind, Channel channel, @Nullable String subject, @Nullable LocationId location,
                @Nullable String department, @Nullable String email, @Nullable String phone, @Nullable String externalId) {
            this.index = index;
            this.receivedAt = receivedAt;
            this.kind = kind;
            this.channel = channel;
            this.subject = subject;
            this.location = location;
            this.department = department;
            this.email = email;
            this.phone = phone;
            this.externalId = externalId;
        }

        public boolean isOpen() {
            return status.isOpen();
        }

        public long handlingMillis() {
            return rounds.stream().filter(r -> r.kind == SlaKind.RESOLUTION).mapToLong(Round::usedMillis).sum();
        }

        public boolean hasHandlingTime() {
            return rounds.stream().anyMatch(r -> r.kind == SlaKind.RESOLUTION);
        }
    }

    /** Plans {@code count} feedback from {@code seed}. */
    public ReportDataSet(long seed, int count, String tenantLabel) {
        this.tenant = Fixtures.newTenant(tenantLabel);
        calendars.put("istanbul-office", BusinessCalendar.builder("istanbul-office", ISTANBUL).weekdays("09:00-12:30", "13:30-18:00")
                .holidays(TurkishHolidays.provider()).build());
        calendars.put("berlin-office", BusinessCalendar.builder("berlin-office", BERLIN).weekdays("08:00-17:00").build());
        calendars.put("new-york-office", BusinessCalendar.builder("new-york-office", NEW_YORK).weekdays("09:00-17:00").build());
        catalog = Catalog.builder()
                .put(Location.of(IST, LocalizedText.of("İstanbul", "Istanbul"), "istanbul-office"))
                .put(Location.of(IST_ROOMS, IST, LocalizedText.of("Odalar", "Rooms"), null))
                .put(Location.of(IST_RESTAURANT, IST, LocalizedText.of("Restoran", "Restaurant"), null))
                .put(Location.of(BER, LocalizedText.of("Berlin", "Berlin"), "berlin-office"))
                .put(Location.of(BER_ROOMS, BER, LocalizedText.of("Odalar", "Rooms"), null))
                .put(Location.of(NYC, LocalizedText.of("New York", "New York"), "new-york-office"))
                .put(Location.of(NYC_ROOMS, NYC, LocalizedText.of("Odalar", "Rooms"), null))
                .build();
        Random random = new Random(seed);
        List<String[]> customers = new ArrayList<>();
        for (int i = 0; i < count / 5; i++) {
            int ids = 1 + random.nextInt(7);
            customers.add(new String[] {
                    (ids & 1) != 0 ? "guest" + i + "@example.com" : null,
                    (ids & 2) != 0 ? "+90532" + String.format("%07d", 1_000_000 + i) : null,
                    (ids & 4) != 0 ? "pms-" + i : null});
        }
        long span = Duration.between(START, END).toSeconds();
        List<Instant> monthStarts = new ArrayList<>();
        for (LocalDate d = FIRST_DAY.plusMonths(1); d.isBefore(END_DAY); d = d.plusMonths(1)) {
            for (ZoneId z : List.of(ISTANBUL, BERLIN, NEW_YORK)) {
                monthStarts.add(d.atStartOfDay(z).toInstant());
            }
        }
        for (int i = 0; i < count; i++) {
            Instant received;
            if (random.nextInt(100) < 8) {
                // close to a month's first midnight in one of the zones: boundaries must fall the right way
                received = monthStarts.get(random.nextInt(monthStarts.size())).plusSeconds(random.nextInt(240) - 120);
            } else {
                received = START.plusSeconds(random.nextLong(span));
            }
            LocationId location = random.nextInt(20) == 0 ? null : LOCATIONS.get(random.nextInt(LOCATIONS.size()));
            String subject = random.nextInt(15) == 0 ? null : SUBJECTS.get(skewed(random, SUBJECTS.size()));
            if (("noise".equals(subject) || "cleanliness".equals(subject)) && random.nextBoolean()) {
                // two subjects grow in the last six months: the management review must notice
                received = SURGE.plusSeconds(random.nextLong(Duration.between(SURGE, END).toSeconds()));
            }
            String department = random.nextInt(25) == 0 ? null : DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
            int k = random.nextInt(100);
            FeedbackKind kind = k < 65 ? FeedbackKind.COMPLAINT : k < 80 ? FeedbackKind.REQUEST : k < 90 ? FeedbackKind.SUGGESTION
                    : FeedbackKind.COMPLIMENT;
            String[] customer = random.nextInt(10) == 0 ? new String[3] : customers.get(random.nextInt(customers.size()));
            Planned p = new Planned(i, received, kind, CHANNELS.get(random.nextInt(CHANNELS.size())), subject, location, department,
                    customer[0], customer[1], customer[2]);
            plan(p, random);
            simulate(p);
            planned.add(p);
        }
    }

    /** Earlier subjects are drawn more often, so that the counts by subject differ clearly. */
    private static int skewed(Random random, int n) {
        return Math.min(n - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * n / 2.5));
    }

    private static Instant after(Instant t, Random random, Duration min, Duration max) {
        return t.plusSeconds(min.toSeconds() + random.nextLong(max.toSeconds() - min.toSeconds()));
    }

    private void plan(Planned p, Random random) {
        int path = random.nextInt(100);
        if (path < 6) {
            return; // never taken: stays NEW
        }
        Instant t = after(p.receivedAt, random, Duration.ofMinutes(5), Duration.ofHours(30));
        p.actions.add(new Action(Step.TAKE, t));
        if (path < 12) {
            return;
        }
        if (random.nextInt(100) < 15) {
            t = after(t, random, Duration.ofMinutes(10), Duration.ofDays(2));
            p.actions.add(new Action(Step.AWAIT, t));
            t = after(t, random, Duration.ofHours(1), Duration.ofDays(5));
            p.actions.add(new Action(Step.RESPOND, t));
        }
        t = after(t, random, Duration.ofMinutes(30), Duration.ofDays(9));
        p.actions.add(new Action(Step.RESOLVE, t));
        int outcome = random.nextInt(100);
        Instant answer = after(t, random, Duration.ofHours(2), Duration.ofDays(6));
        if (outcome < 50) {
            p.actions.add(new Action(Step.ACCEPT, answer));
        } else if (outcome < 68) {
            p.actions.add(new Action(random.nextBoolean() ? Step.REJECT_WITH_ALTERNATIVE : Step.REJECT, answer));
            Instant again = after(answer, random, Duration.ofHours(1), Duration.ofDays(7));
            p.actions.add(new Action(Step.RESOLVE, again));
            p.actions.add(new Action(Step.ACCEPT, after(again, random, Duration.ofHours(1), Duration.ofDays(3))));
        } else if (outcome < 75) {
            p.actions.add(new Action(Step.REJECT, answer));
        } else if (outcome < 85) {
            p.actions.add(new Action(Step.CLOSE_NO_RESPONSE, after(t.plus(CLOSING_PERIOD), random, Duration.ofMinutes(1), Duration.ofDays(3))));
        } else if (outcome < 93) {
            p.actions.add(new Action(Step.ACCEPT, answer));
            Instant appeal = after(answer, random, Duration.ofDays(1), Duration.ofDays(20));
            p.actions.add(new Action(Step.APPEAL, appeal));
            Instant again = after(appeal, random, Duration.ofHours(2), Duration.ofDays(8));
            p.actions.add(new Action(Step.RESOLVE, again));
            p.actions.add(new Action(Step.ACCEPT, after(again, random, Duration.ofHours(1), Duration.ofDays(3))));
        }
        // otherwise the decision stays with the customer: RESOLVED
    }

    /** The calendar the SLA engine counts a feedback's clocks on: its hotel's, Istanbul's without a location. */
    public BusinessCalendar calendarOf(@Nullable LocationId location) {
        return calendars.get(calendarName(location));
    }

    private String calendarName(@Nullable LocationId location) {
        return location == null ? "istanbul-office" : catalog.calendarOf(location).orElseThrow();
    }

    /**
     * Cuts the plan at the end of generation and works out, step by step, the final state and the clock rounds the
     * lifecycle and SLA rules (as README and docs/sla describe them) must produce.
     */
    private void simulate(Planned p) {
        p.actions.removeIf(a -> !a.at().isBefore(AS_OF));
        BusinessCalendar cal = calendarOf(p.location);
        boolean firstResponded = false;
        long usedBeforePause = 0;
        Instant runningSince = p.receivedAt;
        for (Action a : p.actions) {
            switch (a.step()) {
                case TAKE -> {
                    long used = cal.workingTimeBetween(p.receivedAt, a.at()).toMillis();
                    p.rounds.add(new Round(SlaKind.ACKNOWLEDGEMENT, used, used <= ACK_TARGET.toMillis()));
                    p.status = Status.IN_PROGRESS;
                }
                case AWAIT -> {
                    if (!firstResponded) {
                        long used = cal.workingTimeBetween(p.receivedAt, a.at()).toMillis();
                        p.rounds.add(new Round(SlaKind.FIRST_RESPONSE, used, used <= FIRST_RESPONSE_TARGET.toMillis()));
                        firstResponded = true;
                    }
                    usedBeforePause += cal.workingTimeBetween(runningSince, a.at()).toMillis();
                    p.status = Status.AWAITING_CUSTOMER;
                }
                case RESPOND -> {
                    runningSince = a.at();
                    p.status = Status.IN_PROGRESS;
                }
                case RESOLVE -> {
                    if (!firstResponded) {
                        long used = cal.workingTimeBetween(p.receivedAt, a.at()).toMillis();
                        p.rounds.add(new Round(SlaKind.FIRST_RESPONSE, used, used <= FIRST_RESPONSE_TARGET.toMillis()));
                        firstResponded = true;
                    }
                    long used = usedBeforePause + cal.workingTimeBetween(runningSince, a.at()).toMillis();
                    p.rounds.add(new Round(SlaKind.RESOLUTION, used, used <= RESOLUTION_TARGET.toMillis()));
                    p.resolved = true;
                    p.status = Status.RESOLVED;
                }
                case ACCEPT -> {
                    p.status = Status.CLOSED;
                    p.closureReason = ClosureReason.ACCEPTED;
                }
                case CLOSE_NO_RESPONSE -> {
                    p.status = Status.CLOSED;
                    p.closureReason = ClosureReason.NO_RESPONSE;
                }
                case REJECT, REJECT_WITH_ALTERNATIVE, APPEAL -> {
                    if (a.step() == Step.APPEAL) {
                        p.appeals++;
                        p.closureReason = null;
                    } else {
                        p.rejections++;
                    }
                    // a new resolution round
                    runningSince = a.at();
                    usedBeforePause = 0;
                    p.status = Status.IN_PROGRESS;
                }
            }
        }
    }

    /** A desk that keeps this data set's SLA policy, each hotel's calendar, and {@code clock}. */
    public FeedbackDesk desk(FeedbackStore store, MutableClock clock) {
        CalendarRegistry registry = CalendarRegistry.of(calendars.values().toArray(BusinessCalendar[]::new));
        SlaPolicy policy = SlaPolicy.builder(registry)
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, ACK_TARGET, "istanbul-office"))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.FIRST_RESPONSE, FIRST_RESPONSE_TARGET, "istanbul-office"))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.RESOLUTION, RESOLUTION_TARGET, "istanbul-office"))
                .build();
        SlaEngine engine = SlaEngine.of(policy, (f, target) -> Optional.of(calendarName(f.location().orElse(null))));
        return FeedbackDesk.builder().store(store).clock(clock).sla(engine)
                .config(DeskConfig.builder().closingPeriod(CLOSING_PERIOD).build()).build();
    }

    /** Receives every planned feedback and runs its actions, all in time order, through a desk on {@code store}. */
    public void load(FeedbackStore store) {
        MutableClock clock = new MutableClock(START.minusSeconds(1));
        FeedbackDesk desk = desk(store, clock);
        List<Action> timeline = new ArrayList<>();
        Map<Action, Planned> owner = new IdentityHashMap<>(); // equal actions of two feedback are two actions
        for (Planned p : planned) {
            Action receipt = new Action(null, p.receivedAt);
            timeline.add(receipt);
            owner.put(receipt, p);
            for (Action a : p.actions) {
                timeline.add(a);
                owner.put(a, p);
            }
        }
        timeline.sort(Comparator.comparing(Action::at));
        Actor staff = Actor.staff("reception");
        for (Action a : timeline) {
            Planned p = owner.get(a);
            if (a.at().isAfter(clock.instant())) {
                clock.set(a.at());
            }
            if (a.step() == null) {
                Customer.Builder c = Customer.builder();
                if (p.email != null) {
                    c.email(p.email);
                }
                if (p.phone != null) {
                    c.phone(p.phone);
                }
                if (p.externalId != null) {
                    c.externalId(p.externalId);
                }
                Feedback f = desk.receive(Intake.builder(tenant, p.kind, p.channel, "Geri bildirim " + p.index)
                        .location(p.location).subject(p.subject == null ? null : SubjectId.of(p.subject))
                        .department(p.department == null ? null : DepartmentId.of(p.department))
                        .customer(c.build()).build());
                p.id = f.id();
                continue;
            }
            FeedbackId id = p.id;
            switch (a.step()) {
                case TAKE -> desk.take(tenant, id, staff);
                case AWAIT -> desk.awaitCustomer(tenant, id, staff, "Hangi oda?");
                case RESPOND -> desk.customerResponded(tenant, id, "Oda 412");
                case RESOLVE -> desk.resolve(tenant, id, staff, "Çözüldü");
                case ACCEPT -> desk.accept(tenant, id, null);
                case REJECT -> desk.reject(tenant, id, "Yetersiz");
                case REJECT_WITH_ALTERNATIVE -> desk.reject(tenant, id, "Yetersiz", Recourse.external("Tüketici Hakem Heyeti"));
                case CLOSE_NO_RESPONSE -> desk.close(tenant, id, staff, ClosureReason.NO_RESPONSE, null);
                case APPEAL -> desk.appeal(tenant, id, staff, "Müşteri itiraz etti");
            }
        }
        clock.set(AS_OF);
    }
}
