/**
 * The implementation of {@code memnun-storage-jdbc}: SQL, dialects, transactions, migrations, JSON columns and the
 * row claimer. <strong>Not API:</strong> anything here may change in any release; host code uses
 * {@link io.memnun.storage.jdbc}.
 *
 * <p>Adding a store means adding one class here (its SQL built from {@link io.memnun.storage.jdbc.internal.Tables}
 * and {@link io.memnun.storage.jdbc.internal.SqlDialect}, its calls run through
 * {@link io.memnun.storage.jdbc.internal.Transactions}) and one migration per dialect under
 * {@code db/memnun/h2} and {@code db/memnun/postgresql}.
 */
@NullMarked
package io.memnun.storage.jdbc.internal;

import org.jspecify.annotations.NullMarked;
