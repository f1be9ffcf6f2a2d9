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

    /** The same store; a member of staff adds a note just before the verifier's first read of a history. */
    private final class NoteBeforeHistoryRead extends ForwardingFeedbackStore implements SealedHistory {
        private boolean noted;

        NoteBeforeHistoryRead() {
            super(inner);
        }

        @Override
        public List<SealedEvent> sealedHistory(TenantId t, FeedbackId id) {
            if (!noted) {
                noted = true;
                desk.addNote(t, id, Fixtures.AYSE, "a note that lands meanwhile");
            }
            return inner.sealedHistory(t, id);
        }
    }

    /** The same store; a note lands between the verifier's read of a history and its read of the feedback. */
    private final class NoteAfterHistoryRead extends ForwardingFeedbackStore implements SealedHistory {
        private boolean noted;

        NoteAfterHistoryRead() {
            super(inner);
        }

        @Override
        public List<SealedEvent> sealedHistory(TenantId t, FeedbackId id) {
            List<SealedEvent> history = inner.sealedHistory(t, id);
            if (!noted) {
                noted = true;
                desk.addNote(t, id, Fixtures.AYSE, "a note that lands meanwhile");
            }
            return history;
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
        HistoryVerifier.Result before = HistoryVerifier.of(new NoteBeforeHistoryRead()).verify(tenant, f.id());
        HistoryVerifier.Result after = HistoryVerifier.of(new NoteAfterHistoryRead()).verify(tenant, f.id());

        assertThat(before.intact()).as("%s", before.broken()).isTrue();
        assertThat(after.intact()).as("%s", after.broken()).isTrue();
        assertThat(after.events()).isEqualTo(4);
    }

    @Test
    void aTenantWhoseHistoriesGrowWhileItIsCheckedIsIntact() {
        received();
        HistoryVerifier.TenantResult r = HistoryVerifier.of(new NoteBeforeHistoryRead()).verifyTenant(tenant);
        assertThat(r.intact()).as("%s", r.firstBroken()).isTrue();
    }
}
