package io.memnun.storage.jdbc;

import io.memnun.error.StoreException;
import org.jspecify.annotations.Nullable;

/**
 * The database schema does not match this version of memnun: it is missing, older than the code (migrations are
 * pending and migrate-on-start is off), or newer than the code. Nothing was read or written.
 */
public class SchemaVersionException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String found;
    private final String required;

    public SchemaVersionException(@Nullable String found, String required, String message) {
        super(message);
        this.found = found;
        this.required = required;
    }

    /** The schema version found in the database, {@code null} when memnun's tables are not there. */
    public @Nullable String found() {
        return found;
    }

    /** The schema version this code needs. */
    public String required() {
        return required;
    }
}
