package io.memnun.feedback;

/** Priority (öncelik), most urgent first; response-time targets are set per priority. */
public enum Priority {
    /** Çok Acil. */
    VERY_URGENT,
    /** Acil. */
    URGENT,
    /** Normal. */
    NORMAL,
    /** Düşük. */
    LOW;

    /** True when this priority is more urgent than {@code other}. */
    public boolean isMoreUrgentThan(Priority other) {
        return ordinal() < other.ordinal();
    }
}
