package io.memnun.examples.hotel;

import io.memnun.FeedbackDesk;
import io.memnun.examples.ScenarioClock;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Consent;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.Recourse;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.SubjectId;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A year of the chain's feedback for the management review: a few hundred guests' feedback from the start of the
 * month twelve months ago until two weeks ago, each walked through its lifecycle by the desk (taken, sometimes
 * planned, resolved, sometimes rejected and resolved again, mostly accepted, some closed unanswered or unresolved,
 * a few cancelled) on a {@link ScenarioClock},
 * so the histories, the response-time rounds and the figures are the library's own, not written into tables.
 *
 * <p>The same seed gives the same history. The year has a shape a review should find: summer brings more guests and
 * air-conditioning complaints at the Antalya hotel, room-service complaints grow in the last months, billing
 * complaints fade, and technical service answers late more often than the others. Every story ends (closed or
 * cancelled) well before today, so the desk's queues show only the recent feedback.
 */
final class HotelHistory {
    static final long SEED = 20260701L;
    /** The seeding desk's closing period: how long a resolution waits for the guest's answer before it may be closed. */
    static final Duration CLOSING_PERIOD = Duration.ofDays(7);
    /** How long before today the history stops: every story has ended by then. */
    private static final int QUIET_DAYS = 16;

    private static final String[] GIVEN = {"Ahmet", "Ayşe", "Mehmet", "Fatma", "Mustafa", "Emine", "Ali", "Hatice", "Hüseyin", "Zeynep",
            "Can", "Ece", "Oğuz", "Derya", "Serkan", "Büşra", "Anna", "Thomas", "Sophie", "James", "Olga", "Dmitri", "Lena", "Marco"};
    private static final int FOREIGN_NAMES = 16; // GIVEN from here on are foreign guests, who write in English
    private static final String[] FAMILY = {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan",
            "Müller", "Schmidt", "Smith", "Ivanova", "Rossi"};

    /** A subject, where it happens, what guests write, and how often, by month. */
    private record Theme(String subject, LocationId hotel, String text, double weight, Trend trend) {}

    private enum Trend {
        STEADY, SUMMER, GROWING, FADING
    }

    private static final List<Theme> THEMES = List.of(
            new Theme("housekeeping.room-cleanliness", HotelChain.ISTANBUL, "Oda %d temiz değildi, çöpler boşaltılmamıştı.", 3, Trend.STEADY),
            new Theme("housekeeping.room-cleanliness", HotelChain.ANTALYA, "Room %d was not cleaned properly, sand on the floor.", 3, Trend.SUMMER),
            new Theme("housekeeping.towels-linen", HotelChain.ISTANBUL, "Oda %d: havlular eksikti.", 2, Trend.STEADY),
            new Theme("technical.air-conditioning", HotelChain.ANTALYA, "The air conditioning in room %d does not cool.", 2, Trend.SUMMER),
            new Theme("technical.air-conditioning", HotelChain.ISTANBUL, "Oda %d klima çok gürültülü çalışıyor.", 1, Trend.SUMMER),
            new Theme("technical.plumbing", HotelChain.ISTANBUL, "Oda %d duşta sıcak su yok.", 1.5, Trend.STEADY),
            new Theme("technical.wifi", HotelChain.ANTALYA, "Wi-Fi keeps dropping in room %d.", 1.5, Trend.STEADY),
            new Theme("food-beverage.restaurant", HotelChain.ANTALYA, "Akşam büfesinde yemekler soğuktu (oda %d).", 2, Trend.SUMMER),
            new Theme("food-beverage.room-service", HotelChain.ISTANBUL, "Room service to room %d took over an hour.", 1, Trend.GROWING),
            new Theme("front-office.check-in", HotelChain.ISTANBUL, "Girişte 40 dakika bekledik, oda %d hazır değildi.", 2, Trend.STEADY),
            new Theme("front-office.billing", HotelChain.ANTALYA, "Room %d was charged twice for the minibar.", 1.5, Trend.FADING),
            new Theme("front-office.reservation", HotelChain.ISTANBUL, "Rezervasyonum deniz manzaralı oda %d olarak görünmüyordu.", 1, Trend.STEADY),
            new Theme("guest-relations.staff-behaviour", HotelChain.ANTALYA, "A waiter was rude to us at the pool bar (room %d).", 1, Trend.STEADY),
            new Theme("guest-relations.other", HotelChain.HEAD_OFFICE, "Sadakat programı puanlarım hesabıma yansımadı (oda %d).", 0.8, Trend.STEADY));

    private final FeedbackDesk desk;
    private final ScenarioClock clock;
    private final Random random = new Random(SEED);
    private final List<Customer> guests = new ArrayList<>();
    /** Pending lifecycle steps of every story, earliest first, so the scenario clock only moves forward. */
    private final PriorityQueue<Step> steps = new PriorityQueue<>();
    private long order;

    private record Step(Instant at, long order, Consumer<FeedbackDesk> action) implements Comparable<Step> {
        @Override
        public int compareTo(Step o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private HotelHistory(FeedbackDesk desk, ScenarioClock clock) {
        this.desk = desk;
        this.clock = clock;
        for (int i = 0; i < 140; i++) {
            int g = random.nextInt(GIVEN.length);
            String name = GIVEN[g] + " " + FAMILY[random.nextInt(FAMILY.length)];
            String email = Normalizer.normalize(name.toLowerCase(Locale.ROOT).replace('ı', 'i'), Normalizer.Form.NFD).replaceAll("[^a-z ]", "")
                    .replace(' ', '.') + i + "@example.com";
            guests.add(Customer.builder().name(name).email(email).language(g >= FOREIGN_NAMES ? "en" : "tr")
                    .consent(new Consent(true, false, false)).build());
        }
    }

    /** The desk whose clock is {@code clock}, which starts before the history's first day. */
    static int seed(FeedbackDesk desk, ScenarioClock clock, Instant now) {
        return new HotelHistory(desk, clock).run(now);
    }

    /** The first day of the history: the first of the month twelve months before this one. */
    static LocalDate firstDay(Instant now) {
        return YearMonth.from(now.atZone(HotelChain.ZONE)).minusMonths(12).atDay(1);
    }

    private int run(Instant now) {
        LocalDate last = now.atZone(HotelChain.ZONE).toLocalDate().minusDays(QUIET_DAYS);
        LocalDate first = firstDay(now);
        int stories = 0;
        for (LocalDate day = first; day.isBefore(last); day = day.plusDays(1)) {
            double monthsAgo = Math.max(0, (last.toEpochDay() - day.toEpochDay()) / 30.0);
            boolean summer = day.getMonthValue() >= 6 && day.getMonthValue() <= 9;
            for (Theme t : THEMES) {
                double perDay = t.weight() / 36.0 * switch (t.trend()) {
                    case STEADY -> 1;
                    case SUMMER -> summer ? 2.6 : 0.6;
                    case GROWING -> monthsAgo < 6 ? 2.5 : 0.4;
                    case FADING -> monthsAgo < 6 ? 0.3 : 1.6;
                };
                if (random.nextDouble() < perDay) {
                    Instant at = day.atTime(LocalTime.of(7 + random.nextInt(16), random.nextInt(60))).atZone(HotelChain.ZONE).toInstant();
                    schedule(at, d -> story(t, at));
                    stories++;
                }
            }
        }
        while (!steps.isEmpty() && steps.peek().at().isBefore(now)) {
            Step s = steps.poll();
            clock.moveTo(s.at());
            s.action().accept(desk);
        }
        return stories;
    }

    private void schedule(Instant at, Consumer<FeedbackDesk> action) {
        steps.add(new Step(at, order++, action));
    }

    /** One guest's feedback and what became of it; the later steps are scheduled, run in time order with the others. */
    private void story(Theme t, Instant at) {
        double kind = random.nextDouble();
        FeedbackKind k = kind < 0.72 ? FeedbackKind.COMPLAINT : kind < 0.82 ? FeedbackKind.REQUEST : kind < 0.9 ? FeedbackKind.SUGGESTION
                : kind < 0.96 ? FeedbackKind.COMPLIMENT : FeedbackKind.QUESTION;
        Channel[] channels = {Channel.WEB_FORM, Channel.WEB_FORM, Channel.EMAIL, Channel.PHONE, Channel.FACE_TO_FACE};
        Channel channel = channels[random.nextInt(channels.length)];
        Priority priority = random.nextDouble() < 0.15 ? Priority.URGENT : random.nextDouble() < 0.2 ? Priority.LOW : Priority.NORMAL;
        Feedback f = desk.receive(Intake.builder(HotelChain.TENANT, k, channel, t.text().formatted(100 + random.nextInt(1200)))
                .receivedAt(at)
                .location(t.hotel())
                .subject(SubjectId.of(t.subject()))
                .priority(priority)
                .customer(guests.get(random.nextInt(guests.size())))
                .recordedBy(channel == Channel.WEB_FORM ? Actor.customer() : Actor.staff("kerem.aydin"))
                .build());
        ReferenceNumber ref = f.reference();
        Actor staff = Actor.staff(f.assignee().map(a -> a.value()).orElse("deniz.ozturk"));
        if (random.nextDouble() < 0.06) {
            schedule(at.plus(minutes(60, 600)), d -> d.cancel(HotelChain.TENANT, ref, staff, "The guest withdrew it at check-out"));
            return;
        }
        // technical service is short of hands: it answers later than the others
        boolean slow = t.subject().startsWith("technical") && random.nextDouble() < 0.45 || random.nextDouble() < 0.08;
        Instant taken = at.plus(minutes(5, slow ? 300 : 90));
        schedule(taken, d -> d.take(HotelChain.TENANT, ref, staff));
        Instant resolved = taken.plus(minutes(30, slow ? 4000 : 1500));
        if (random.nextDouble() < 0.2) {
            Instant until = resolved.plus(Duration.ofHours(2));
            schedule(taken.plus(Duration.ofMinutes(20)), d -> d.plan(HotelChain.TENANT, ref, staff, until, "Part ordered, fitter booked"));
            schedule(resolved, d -> d.take(HotelChain.TENANT, ref, staff));
        } else if (resolved.isAfter(taken.plus(Duration.ofHours(6))) && random.nextDouble() < (slow ? 0.3 : 0.75)) {
            // a first answer to the guest (a question) stops the first-response clock; the clocks wait for the reply
            Instant asked = taken.plus(minutes(15, slow ? 900 : 240));
            Instant replied = asked.plus(minutes(10, 300));
            schedule(asked, d -> d.awaitCustomer(HotelChain.TENANT, ref, staff, "When may we come to your room?"));
            schedule(replied, d -> d.customerResponded(HotelChain.TENANT, ref, "Any time after 14:00"));
            resolved = resolved.isAfter(replied) ? resolved : replied.plus(Duration.ofMinutes(90));
        }
        schedule(resolved, d -> d.resolve(HotelChain.TENANT, ref, staff, "Fixed and checked with the guest's room; apology and a welcome treat."));
        Instant answered = resolved.plus(minutes(60, 2000));
        if (random.nextDouble() < 0.14) {
            schedule(answered, d -> d.reject(HotelChain.TENANT, ref, "Not really solved",
                    Recourse.internal("A talk with the guest relations manager")));
            Instant again = answered.plus(minutes(60, 1200));
            schedule(again, d -> d.resolve(HotelChain.TENANT, ref, staff, "Moved to another room and one night refunded."));
            answered = again.plus(minutes(60, 1500));
        }
        double answer = random.nextDouble();
        if (answer < 0.07) {
            // the guest never answers: closed once the closing period is over
            schedule(answered.plus(CLOSING_PERIOD).plusSeconds(60), d -> d.close(HotelChain.TENANT, ref, staff, ClosureReason.NO_RESPONSE, null));
        } else if (answer < 0.12) {
            schedule(answered, d -> d.reject(HotelChain.TENANT, ref, "Still not what we booked",
                    Recourse.internal("A talk with the guest relations manager"), Recourse.external("Tüketici Hakem Heyeti")));
            schedule(answered.plus(CLOSING_PERIOD).plusSeconds(60),
                    d -> d.close(HotelChain.TENANT, ref, staff, ClosureReason.UNRESOLVED, "Nothing more we can offer"));
        } else {
            schedule(answered, d -> d.accept(HotelChain.TENANT, ref, "Thank you"));
        }
    }

    private Duration minutes(int min, int max) {
        return Duration.ofMinutes(min + random.nextInt(max - min));
    }
}
