package io.memnun.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The host's transaction seam: hands memnun the connection of the transaction in progress, e.g. Spring's
 * {@code DataSourceUtils.getConnection(dataSource)}. With a provider set, every store call runs on that connection
 * and memnun never commits, rolls back (but to its own savepoint) or closes it: the host's transaction decides. A
 * {@link io.memnun.error.TransactionConflictException} says that the database aborted that transaction: roll it back and
 * run it again.
 *
 * <p>For a single unit of work, {@link JdbcStorage#withConnection} binds a connection without a provider.
 */
public interface ConnectionProvider {

    /** The connection of the current transaction; must not be in auto-commit mode. */
    Connection get() throws SQLException;

    /** Gives back a connection obtained from {@link #get()} once a store call is done with it; by default nothing. */
    default void release(Connection connection) throws SQLException {}
}
