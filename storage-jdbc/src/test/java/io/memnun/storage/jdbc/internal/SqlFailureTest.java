package io.memnun.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.error.StoreException;
import io.memnun.error.TransactionConflictException;
import io.memnun.error.TransientStoreException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SQLStates of H2 2.x and PostgreSQL, each to the kind of failure and the exception a host gets; the tests on the
 * real databases ({@code HostTransactionFailureTest}, {@code FaultTests}) show them arising.
 */
class SqlFailureTest {
    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
        "40001, PostgreSQL serialization failure; H2 deadlock and concurrent update at REPEATABLE READ, SERIALIZATION_FAILURE",
        "90131, H2 concurrent update, CONCURRENT_UPDATE",
        "40P01, PostgreSQL deadlock, DEADLOCK",
        "55P03, PostgreSQL lock timeout, LOCK_TIMEOUT",
        "HYT00, H2 lock timeout (50200), LOCK_TIMEOUT",
        "57014, statement timeout or cancel on both, STATEMENT_CANCELLED",
        "08006, PostgreSQL connection failure, CONNECTION",
        "08001, PostgreSQL could not connect, CONNECTION",
        "08003, connection does not exist, CONNECTION",
        "57P01, PostgreSQL admin shutdown (a terminated session), CONNECTION",
        "57P03, PostgreSQL starting up, CONNECTION",
        "90067, H2 connection broken, CONNECTION",
        "90121, H2 database closed at shutdown (an aborted session), CONNECTION",
        "23505, unique violation on both, UNIQUE_VIOLATION",
        "25P02, PostgreSQL transaction aborted earlier, TRANSACTION_ABORTED",
        "23502, not null violation, OTHER",
        "42P01, undefined table, OTHER",
        "23001, PostgreSQL restrict violation (H2 1.x's duplicate key; H2 2.x uses 23505), OTHER"})
    void eachStateIsItsKind(String state, String meaning, SqlFailure kind) {
        assertThat(SqlFailure.of(new SQLException("x", state))).as(meaning).isEqualTo(kind);
    }

    @Test
    void aConflictIsATransactionConflictThatAbortsTheTransaction() {
        StoreException e = SqlFailure.of(new SQLException("x", "40001")).exception("save feedback", new SQLException("x", "40001"), true);
        assertThat(e).isInstanceOfSatisfying(TransactionConflictException.class, c -> assertThat(c.inHostTransaction()).isTrue()).hasMessage(
                "could not save feedback: a concurrent transaction changed or locked the same rows (SQLState 40001)");
        // in a transaction of the store's own, which only the call lost
        assertThat(SqlFailure.DEADLOCK.exception("save feedback", new SQLException("x", "40P01"), false))
                .isInstanceOfSatisfying(TransactionConflictException.class, c -> assertThat(c.inHostTransaction()).isFalse());
        assertThat(SqlFailure.SERIALIZATION_FAILURE.abortsTransaction()).isTrue();
        assertThat(SqlFailure.DEADLOCK.abortsTransaction()).isTrue();
        // H2 undid only the statement: memnun rolls back to its savepoint, so its call leaves nothing either way
        assertThat(SqlFailure.CONCURRENT_UPDATE.exception("save corrective action", new SQLException("x", "90131"), false))
                .isInstanceOf(TransactionConflictException.class);
        assertThat(SqlFailure.CONCURRENT_UPDATE.abortsTransaction()).isFalse();
    }

    @Test
    void timeoutsAndLostConnectionsAreTransientAndLeaveTheTransactionToTheSavepoint() {
        for (SqlFailure kind : new SqlFailure[] {SqlFailure.LOCK_TIMEOUT, SqlFailure.STATEMENT_CANCELLED, SqlFailure.CONNECTION}) {
            StoreException e = kind.exception("find feedback", new SQLException("x", "08006"), false);
            assertThat(e).as(kind.name()).isInstanceOf(TransientStoreException.class).isNotInstanceOf(TransactionConflictException.class);
            assertThat(kind.abortsTransaction()).isFalse();
        }
        assertThat(SqlFailure.OTHER.exception("find feedback", new SQLException("x", "42P01"), false)).isExactlyInstanceOf(StoreException.class);
        assertThat(SqlFailure.UNIQUE_VIOLATION.exception("store attachment", new SQLException("x", "23505"), false))
                .isExactlyInstanceOf(StoreException.class);
    }

    @Test
    void theMessageNeverQuotesTheDriversText() {
        SQLException driver = new SQLException("ERROR: null value in column \"description\" violates not-null constraint\n"
                + "  Detail: Failing row contains (t, Şükrü Çağlayan, sukru@example.com).", "23502");
        StoreException e = SqlFailure.of(driver).exception("save feedback", driver, false);
        assertThat(e).hasMessage("could not save feedback: database error (SQLState 23502)").hasCause(driver);
    }

    @Test
    void aStateInACauseOrANextExceptionCounts() {
        SQLException serialization = new SQLException("x", "40001");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0], null);
        batch.setNextException(serialization);
        assertThat(SqlFailure.of(batch)).isEqualTo(SqlFailure.SERIALIZATION_FAILURE);
        assertThat(SqlFailure.of(new RuntimeException(new SQLException("x", "40P01")))).isEqualTo(SqlFailure.DEADLOCK);
        assertThat(SqlFailure.SERIALIZATION_FAILURE.exception("save feedback", batch, false)).hasMessageEndingWith("(SQLState 40001)");
    }

    @Test
    void withoutAStateTheExceptionsClassCounts() {
        // a pool's timeout waiting for a connection, a driver's query timeout
        assertThat(SqlFailure.of(new SQLTransientConnectionException("Connection is not available, request timed out")))
                .isEqualTo(SqlFailure.CONNECTION);
        assertThat(SqlFailure.of(new SQLTimeoutException("query timed out"))).isEqualTo(SqlFailure.STATEMENT_CANCELLED);
        assertThat(SqlFailure.of(new SQLException("Connection is closed"))).isEqualTo(SqlFailure.OTHER);
        assertThat(SqlFailure.OTHER.exception("find feedback", new SQLException("Connection is closed"), false))
                .hasMessage("could not find feedback: database error");
    }
}
