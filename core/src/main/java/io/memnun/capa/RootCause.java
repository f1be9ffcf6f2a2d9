package io.memnun.capa;

import io.memnun.internal.Checks;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The root cause analysis (kök neden analizi).
 *
 * @param method 5 whys or a fishbone (Ishikawa) diagram
 * @param whys the chain of answers to "why?", for {@link Method#FIVE_WHYS}; empty for a fishbone
 * @param causes the causes found per category, for {@link Method#FISHBONE}; empty for 5 whys
 * @param findings the conclusion: the root cause in words
 */
public record RootCause(Method method, List<String> whys, Map<FishboneCategory, List<String>> causes, String findings) {
    public enum Method {
        FIVE_WHYS,
        FISHBONE
    }

    /** The 6M categories of a fishbone diagram. */
    public enum FishboneCategory {
        MAN,
        MACHINE,
        METHOD,
        MATERIAL,
        MEASUREMENT,
        ENVIRONMENT
    }

    public RootCause {
        Objects.requireNonNull(method, "method");
        whys = List.copyOf(whys);
        whys.forEach(w -> Checks.text(w, "rootCause.whys", 2000));
        Map<FishboneCategory, List<String>> copy = new EnumMap<>(FishboneCategory.class);
        causes.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "category"), List.copyOf(v)));
        causes = Map.copyOf(copy);
        findings = Checks.text(findings, "rootCause.findings", 4000);
        if (method == Method.FIVE_WHYS) {
            Checks.argument(!whys.isEmpty() && causes.isEmpty(), "rootCause.whys", "5 whys records at least one why and no fishbone causes");
        } else {
            Checks.argument(!causes.isEmpty() && whys.isEmpty(), "rootCause.causes", "a fishbone records causes by category and no whys");
        }
    }

    public static RootCause fiveWhys(List<String> whys, String findings) {
        return new RootCause(Method.FIVE_WHYS, whys, Map.of(), findings);
    }

    public static RootCause fishbone(Map<FishboneCategory, List<String>> causes, String findings) {
        return new RootCause(Method.FISHBONE, List.of(), causes, findings);
    }
}
