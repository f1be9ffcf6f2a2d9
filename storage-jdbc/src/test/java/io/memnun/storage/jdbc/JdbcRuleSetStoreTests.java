package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.StoreException;
import io.memnun.error.VersionConflictException;
import io.memnun.routing.ActiveRuleSet;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.routing.json.RuleSetJson;
import io.memnun.spi.RuleSetStore;
import io.memnun.tck.RuleSetStoreContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rule set store contract on each dialect, and what the JDBC store adds: concurrent activations of one version
 * have exactly one winner, and activation instants are kept to the microsecond.
 */
abstract class JdbcRuleSetStoreTests extends RuleSetStoreContract {

    /** The storage, on emptied catalogue and rule set tables. */
    abstract JdbcStorage storage();

    abstract javax.sql.DataSource dataSource();

    /** The storage's table prefix. */
    abstract String tablePrefix();

    @Override
    protected RuleSetStore createStore() {
        return storage().ruleSetStore();
    }

    private static RuleSet rules(String department) {
        return RuleSet.of(RoutingRule.builder("default").department(department).build());
    }

    @Test
    void ofConcurrentActivationsOfOneVersionExactlyOneWins() throws Exception {
        store.activate(TENANT, rules("hk"), 0, Instant.parse("2026-01-01T00:00:00Z"));
        int admins = 4;
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < admins; i++) {
            String department = "d" + i;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    store.activate(TENANT, rules(department), 1, Instant.parse("2026-01-02T00:00:00Z"));
                    return true;
                } catch (VersionConflictException e) {
                    assertThat(e.actualVersion()).isEqualTo(2);
                    return false;
                }
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> f : results) {
            won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        assertThat(store.active(TENANT).orElseThrow().version()).isEqualTo(2);
        assertThat(store.find(TENANT, 3)).isEmpty();
    }

    @Test
    void anActivationAheadOfTheCurrentVersionIsRefusedAndLeavesNoGap() {
        store.activate(TENANT, rules("hk"), 0, Instant.parse("2026-01-01T00:00:00Z"));
        assertThatThrownBy(() -> store.activate(TENANT, rules("tech"), 3, Instant.parse("2026-01-02T00:00:00Z")))
                .isInstanceOf(VersionConflictException.class);
        assertThat(store.active(TENANT).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void theActivationInstantIsKeptToTheMicrosecond() {
        ActiveRuleSet v1 = store.activate(TENANT, rules("hk"), 0, Instant.parse("2026-01-01T10:15:30.123456789Z"));
        assertThat(v1.activatedAt()).isEqualTo(Instant.parse("2026-01-01T10:15:30.123456Z"));
        assertThat(store.active(TENANT)).contains(v1);
        assertThat(store.find(TENANT, 1)).contains(v1);
    }

    @Test
    void aStoredRuleSetThatFailsItsChecksIsRefusedNamingTheFieldAndTheVersionNotTheValue() {
        store.activate(TENANT, RuleSetJson.read("{\"format\": \"memnun-rules/1\", \"rules\": [{\"id\": \"complaints\","
                + " \"when\": [{\"kind\": [\"COMPLAINT\"]}], \"department\": \"hk\"}]}"), 0, Instant.parse("2026-01-01T00:00:00Z"));
        // a hand-edit puts a person's details where a feedback kind belongs; the check quotes what it cannot read
        StoredDocuments.rewrite(dataSource(), tablePrefix() + "rule_set", "rules", TENANT.value(),
                d -> d.replaceFirst("(?i)\"complaint\"", "\"Ayşe Yılmaz 05321234567\""));

        assertThatThrownBy(() -> store.active(TENANT))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("version 1").hasMessageContaining("tenant " + TENANT).hasMessageContaining("rules[0].when[0].kind[0]")
                .hasMessageNotContainingAny("Yılmaz", "05321234567");
        assertThatThrownBy(() -> store.find(TENANT, 1)).isInstanceOf(StoreException.class).hasMessageNotContaining("Yılmaz");
    }
}
