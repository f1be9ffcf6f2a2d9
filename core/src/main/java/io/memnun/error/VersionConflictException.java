package io.memnun.error;

/**
 * A write was based on a version that is no longer current: somebody else changed the record first.
 * Reload and decide again; nothing was written.
 */
public class VersionConflictException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final long expectedVersion;
    private final long actualVersion;

    public VersionConflictException(String id, long expectedVersion, long actualVersion) {
        this(id, expectedVersion, actualVersion, "expected version " + expectedVersion + " but found " + actualVersion);
    }

    /** With {@code what} saying what changed, when the version alone does not (the record's history did). */
    public VersionConflictException(String id, long expectedVersion, long actualVersion, String what) {
        super("version conflict on " + id + ": " + what);
        this.id = id;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String id() {
        return id;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long actualVersion() {
        return actualVersion;
    }
}
