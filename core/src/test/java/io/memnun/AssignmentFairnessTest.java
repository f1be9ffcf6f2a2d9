package io.memnun;

import static io.memnun.routing.HotelCatalog.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Channel;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.AssigneeStrategy;
import io.memnun.routing.HotelCatalog;
import io.memnun.routing.Router;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReferenceSequence;
import io.memnun.store.memory.InMemoryCatalogStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryRuleSetStore;
import io.memnun.testing.Concurrently;
import io.memnun.testing.ForwardingFeedbackStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Eight receivers at once must still spread feedback evenly: per person, counts differ by at most one. The slow
 * variants make reading the load take a millisecond, which widens the window between reading loads and storing
 * the choice; without the desk's assignment lock, receivers then pile onto the same person.
 */
class AssignmentFairnessTest {
    static final TenantId TENANT = TenantId.of("bosphorus");
    static final int RECEIVERS = 8;
    static final Set<StaffId> HOUSEKEEPERS = Set.of(AYSE, GUL, ZEYNEP);

    @RepeatedTest(3)
    void roundRobinStaysFair() throws Exception {
        assertFair(AssigneeStrategy.roundRobin(), 60, new InMemoryFeedbackStore());
    }

    @RepeatedTest(3)
    void leastLoadStaysFair() throws Exception {
        assertFair(AssigneeStrategy.leastLoad(), 61, new InMemoryFeedbackStore());
    }

    @RepeatedTest(2)
    void leastLoadStaysFairAfterEveryRoundWhenReadingLoadIsSlow() throws Exception {
        FeedbackStore store = new SlowLoad(new InMemoryFeedbackStore());
        FeedbackDesk desk = desk(AssigneeStrategy.leastLoad(), store);
        List<String> unfair = Collections.synchronizedList(new ArrayList<>());
        // after each round of eight simultaneous receipts, the loads must already be even
        CyclicBarrier round = new CyclicBarrier(RECEIVERS, () -> {
            Map<StaffId, Integer> load = store.openLoad(TENANT, HOUSEKEEPERS);
            int min = HOUSEKEEPERS.stream().mapToInt(s -> load.getOrDefault(s, 0)).min().orElseThrow();
            int max = HOUSEKEEPERS.stream().mapToInt(s -> load.getOrDefault(s, 0)).max().orElseThrow();
            if (max - min > 1) {
                unfair.add(load.toString());
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(RECEIVERS);
        List<Future<?>> done = new ArrayList<>();
        for (int r = 0; r < RECEIVERS; r++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 12; i++) {
                    desk.receive(Intake.builder(TENANT, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Havlu yok").build());
                    round.await(60, TimeUnit.SECONDS);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(unfair).as("loads after rounds").isEmpty();
        assertThat(store.openLoad(TENANT, HOUSEKEEPERS).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(RECEIVERS * 12);
    }

    private static FeedbackDesk desk(AssigneeStrategy strategy, FeedbackStore store) {
        InMemoryCatalogStore catalogs = new InMemoryCatalogStore();
        catalogs.importCatalog(TENANT, HotelCatalog.catalog());
        Router router = Router.builder().catalogs(catalogs).ruleSets(new InMemoryRuleSetStore()).build();
        router.activate(TENANT, RuleSet.of(RoutingRule.builder("all").department(HK).assign(strategy).build()));
        return FeedbackDesk.builder().store(store).router(router).build();
    }

    private void assertFair(AssigneeStrategy strategy, int perReceiver, FeedbackStore store) throws Exception {
        Set<StaffId> staff = HOUSEKEEPERS;
        FeedbackDesk desk = desk(strategy, store);
        List<StaffId> all = new ArrayList<>();
        Concurrently.draw(RECEIVERS, perReceiver,
                () -> desk.receive(Intake.builder(TENANT, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Havlu yok").build()).assignee().orElseThrow())
                .forEach(all::addAll);

        Map<StaffId, Integer> load = store.openLoad(TENANT, staff);
        assertThat(all).hasSize(RECEIVERS * perReceiver);
        assertThat(load.keySet()).isEqualTo(staff);
        assertThat(load.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(RECEIVERS * perReceiver);
        assertThat(Collections.max(load.values()) - Collections.min(load.values())).as("%s: %s", strategy, load).isLessThanOrEqualTo(1);
        for (StaffId s : staff) {
            assertThat(Collections.frequency(all, s)).isEqualTo(load.get(s));
        }
    }

    /** A store whose load query takes a millisecond, as a database round trip would. */
    private static final class SlowLoad extends ForwardingFeedbackStore implements ReferenceSequence {
        private final InMemoryFeedbackStore delegate;

        SlowLoad(InMemoryFeedbackStore delegate) {
            super(delegate);
            this.delegate = delegate;
        }

        @Override
        public Map<StaffId, Integer> openLoad(TenantId tenant, Set<StaffId> staff) {
            Map<StaffId, Integer> load = super.openLoad(tenant, staff);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return load;
        }

        @Override
        public long next(TenantId tenant, String prefix, int year) {
            return delegate.next(tenant, prefix, year);
        }
    }
}
