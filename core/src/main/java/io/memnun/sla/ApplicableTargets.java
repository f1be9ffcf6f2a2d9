package io.memnun.sla;

import io.memnun.feedback.SlaKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The targets that apply to one feedback, at most one per {@link SlaKind}. */
public final class ApplicableTargets {
    private final Map<SlaKind, ApplicableTarget> byKind;

    ApplicableTargets(Map<SlaKind, ApplicableTarget> byKind) {
        this.byKind = byKind.isEmpty() ? Map.of() : new EnumMap<>(byKind);
    }

    /** The target of this kind; empty when the policy sets none for this feedback. */
    public Optional<ApplicableTarget> get(SlaKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** All of them, in the order of {@link SlaKind}. */
    public List<ApplicableTarget> all() {
        return List.copyOf(byKind.values());
    }

    @Override
    public String toString() {
        return "ApplicableTargets" + byKind.values();
    }
}
