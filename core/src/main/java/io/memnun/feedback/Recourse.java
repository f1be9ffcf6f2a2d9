package io.memnun.feedback;

import io.memnun.internal.Checks;
import java.util.Objects;

/**
 * An alternative way to resolve a complaint offered to a customer who rejected the resolution (iç ve dış
 * kaynaklı alternatif çözüm yolları): an internal escalation, or an external body such as a consumer
 * arbitration committee.
 */
public record Recourse(Kind kind, String description) {
    public enum Kind {
        INTERNAL,
        EXTERNAL
    }

    public Recourse {
        Objects.requireNonNull(kind, "kind");
        description = Checks.text(description, "recourse.description", 2000);
    }

    public static Recourse internal(String description) {
        return new Recourse(Kind.INTERNAL, description);
    }

    public static Recourse external(String description) {
        return new Recourse(Kind.EXTERNAL, description);
    }
}
