package io.memnun.benchmarks;

import java.util.Map;

/** One implementation of the benchmark's complaint lifecycle; each step is its own transaction. */
interface LifecycleDriver extends AutoCloseable {
    /** Receives complaint {@code i}; returns what the later steps need to find it. */
    Object receive(int i);

    void take(Object complaint, int i);

    void resolve(Object complaint, int i);

    void accept(Object complaint, int i);

    /** Receives complaint {@code i} and leaves it open (for the count queries). */
    default void receiveOpen(int i) {
        receive(i);
    }

    /** Open complaints per department, counted in the database. */
    Map<String, Long> openPerDepartment();

    /** Closed complaints per subject, counted in the database. */
    Map<String, Long> closedPerSubject();

    @Override
    default void close() {}
}
