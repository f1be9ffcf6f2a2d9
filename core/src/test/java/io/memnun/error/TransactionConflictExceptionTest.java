package io.memnun.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionConflictExceptionTest {
    /**
     * A thrower that does not say where the call ran is taken to have run in the host's transaction: memnun's loops
     * then stop rather than go on in a transaction the database may have aborted.
     */
    @Test
    @SuppressWarnings("deprecation")
    void aConflictThatDoesNotSayWhereItRanIsTakenForOneInTheHostsTransaction() {
        IllegalStateException cause = new IllegalStateException("the driver's exception");

        assertThat(new TransactionConflictException("could not save feedback: deadlock", cause).inHostTransaction()).isTrue();
        assertThat(new TransactionConflictException("could not save feedback: deadlock", cause, true).inHostTransaction()).isTrue();
        assertThat(new TransactionConflictException("could not save feedback: deadlock", cause, false).inHostTransaction()).isFalse();
        assertThat(new TransactionConflictException("could not save feedback: deadlock", cause, false)).isInstanceOf(TransientStoreException.class)
                .hasCause(cause);
    }
}
