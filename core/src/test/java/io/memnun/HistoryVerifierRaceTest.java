package io.memnun;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Channel;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.TenantId;
import io.memnun.spi.SealedHistory;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.tck.Fixtures;
import io.memnun.testing.ForwardingFeedbackStore;
import io.memnun.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier on a live store: a command landing while it reads is no broken link. */
class HistoryVerifierRaceTest {
    private final MutableClock clock = MutableClock.at("2026-05-04T10:00:00.000001Z");
    private final InMemoryFeedbackStore inner = new InMemoryFeedbackStore();
    private final FeedbackDesk desk = FeedbackDesk.builder().store(inner).clock(clock).build();
    private final TenantId tenant = Fixtures.newTenant("race");

    /**
     * The same store; a member of staff adds a note once, just before the verifier's first read of a history or just
     * after it (before its read of the feedback).
     */
    private final class NoteWhileReading extends ForwardingFeedbackStore implements SealedHistory {
        private final boolean afterTheRead;
        private boolean noted;

        NoteWhileReading(boolean afterTheRead) {
            super(inner);
            this.afterTheRead = afterTheRead;
        }

        @Override
        public List<SealedEvent> sealedHistory(TenantId t, FeedbackId id) {
            List<SealedEvent> history = afterTheRead ? inner.sealedHistory(t, id) : null;
            if (!noted) {
                noted = true;
                desk.addNote(t, id, Fixtures.AYSE, "a note that lands meanwhile");
            }
            return history != null ? history : inner.sealedHistory(t, id);
        }
    }

    private Feedback received() {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, Fixtures.TURKISH_TEXT).build());
        desk.take(tenant, f.reference(), Fixtures.AYSE);
        return desk.get(tenant, f.id());
    }

    @Test
    void aHistoryThatGrowsWhileItIsReadIsIntact() {
        Feedback f = received();
        HistoryVerifier.Result before = HistoryVerifier.of(new NoteWhileReading(false)).verify(tenant, f.id());
        HistoryVerifier.Result after = HistoryVerifier.of(new NoteWhileReading(true)).verify(tenant, f.id());

        assertThat(before.intact()).as("%s", before.broken()).isTrue();
        assertThat(after.intact()).as("%s", after.broken()).isTrue();
        assertThat(after.events()).isEqualTo(4);
    }

    @Test
    void aTenantWhoseHistoriesGrowWhileItIsCheckedIsIntact() {
        received();
        HistoryVerifier.TenantResult r = HistoryVerifier.of(new NoteWhileReading(false)).verifyTenant(tenant);
        assertThat(r.intact()).as("%s", r.firstBroken()).isTrue();
    }
}
