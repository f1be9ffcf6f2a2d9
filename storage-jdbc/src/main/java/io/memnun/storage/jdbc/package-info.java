/**
 * memnun's stores on a host-supplied {@link javax.sql.DataSource}: H2 2.x (embedded, the default for small
 * installations and tests) and PostgreSQL 14+. {@link io.memnun.storage.jdbc.JdbcStorage} is the entry point: it
 * migrates the schema (Flyway, tables named with a prefix so they can live beside the host's own), and hands out
 * the stores that {@code FeedbackDesk.builder()} takes.
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).migrateOnStart(true).build();
 * FeedbackDesk desk = FeedbackDesk.builder().store(storage.feedbackStore()).build();
 * }</pre>
 *
 * <p>Each store call is one transaction on a connection taken from the data source, unless the host runs it
 * inside its own transaction ({@link io.memnun.storage.jdbc.JdbcStorage#withConnection} or a
 * {@link io.memnun.storage.jdbc.ConnectionProvider}). Instants are stored with microsecond precision; the
 * nanoseconds of a {@link java.time.Instant} are truncated.
 */
@NullMarked
package io.memnun.storage.jdbc;

import org.jspecify.annotations.NullMarked;
