package io.memnun.tck;

import static io.memnun.tck.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.internal.SecretTokens;
import io.memnun.spi.TrackingTokenStore;
import io.memnun.tracking.TrackingToken;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TrackingTokenStore} must do; subclass it once per implementation. */
public abstract class TrackingTokenStoreContract {
    private static final SecureRandom RANDOM = new SecureRandom();

    protected TrackingTokenStore store;
    protected TenantId tenant;

    protected abstract TrackingTokenStore createStore();

    @BeforeEach
    void setUpTokenStore() {
        store = createStore();
        tenant = Fixtures.newTenant("tracking");
    }

    private TrackingToken token(FeedbackId f, int seconds) {
        return new TrackingToken(tenant, f, SecretTokens.hashHex(SecretTokens.generate(RANDOM)), T0.plusSeconds(seconds));
    }

    @Test
    void aTokenRoundTripsAndAnotherTenantSeesNothing() {
        FeedbackId f = Fixtures.randomId();
        TrackingToken t = token(f, 0);
        store.save(t);

        assertThat(store.find(tenant, f)).contains(t);
        assertThat(store.find(Fixtures.newTenant("other"), f)).isEmpty();
        assertThat(store.find(tenant, Fixtures.randomId())).isEmpty();
    }

    @Test
    void savingAgainReplacesTheFeedbacksToken() {
        FeedbackId f = Fixtures.randomId();
        store.save(token(f, 0));
        TrackingToken rotated = token(f, 60);

        store.save(rotated);

        assertThat(store.find(tenant, f)).contains(rotated);
    }

    @Test
    void aDeletedTokenIsGone() {
        FeedbackId f = Fixtures.randomId();
        FeedbackId other = Fixtures.randomId();
        store.save(token(f, 0));
        TrackingToken kept = token(other, 0);
        store.save(kept);

        assertThat(store.delete(tenant, f)).isTrue();
        assertThat(store.delete(tenant, f)).isFalse();
        assertThat(store.find(tenant, f)).isEmpty();
        assertThat(store.find(tenant, other)).contains(kept);
    }
}
