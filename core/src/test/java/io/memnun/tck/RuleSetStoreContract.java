package io.memnun.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.VersionConflictException;
import io.memnun.feedback.TenantId;
import io.memnun.routing.ActiveRuleSet;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.spi.RuleSetStore;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RuleSetStore} must do. Subclass it once per implementation. */
public abstract class RuleSetStoreContract {
    protected static final TenantId TENANT = TenantId.of("hotel-a");
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");
    private static final RuleSet FIRST = RuleSet.of(RoutingRule.builder("default").department("hk").build());
    private static final RuleSet SECOND = RuleSet.of(RoutingRule.builder("default").department("tech").build());

    protected RuleSetStore store;

    /** A new, empty store. */
    protected abstract RuleSetStore createStore();

    @BeforeEach
    void setUpStore() {
        store = createStore();
    }

    @Test
    void nothingIsActiveBeforeTheFirstActivation() {
        assertThat(store.active(TENANT)).isEmpty();
        assertThat(store.find(TENANT, 1)).isEmpty();
    }

    @Test
    void activationsAreNumberedAndEveryVersionStaysReadable() {
        ActiveRuleSet v1 = store.activate(TENANT, FIRST, 0, T1);
        ActiveRuleSet v2 = store.activate(TENANT, SECOND, 1, T2);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(store.active(TENANT)).contains(v2);
        assertThat(store.find(TENANT, 1)).get().satisfies(v -> {
            assertThat(v.rules()).isEqualTo(FIRST);
            assertThat(v.activatedAt()).isEqualTo(T1);
            assertThat(v.tenant()).isEqualTo(TENANT);
        });
        assertThat(store.find(TENANT, 3)).isEmpty();
        assertThat(store.active(TenantId.of("other"))).isEmpty();
    }

    @Test
    void aStaleActivationIsRefused() {
        store.activate(TENANT, FIRST, 0, T1);
        assertThatThrownBy(() -> store.activate(TENANT, SECOND, 0, T2)).isInstanceOf(VersionConflictException.class);
        assertThat(store.active(TENANT).orElseThrow().rules()).isEqualTo(FIRST);
    }
}
