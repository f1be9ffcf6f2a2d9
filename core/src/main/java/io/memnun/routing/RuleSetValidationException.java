package io.memnun.routing;

import io.memnun.error.ValidationException;
import java.util.List;
import java.util.stream.Collectors;

/** A rule set that cannot be activated; {@link #problems()} lists every reason. Nothing was activated. */
public class RuleSetValidationException extends ValidationException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 5;

    private final List<RuleSetProblem> problems;

    public RuleSetValidationException(List<RuleSetProblem> problems) {
        super("rules", summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<RuleSetProblem> problems() {
        return problems;
    }

    private static String summary(List<RuleSetProblem> problems) {
        String shown = problems.stream().limit(SHOWN).map(RuleSetProblem::toString).collect(Collectors.joining("; "));
        int more = problems.size() - SHOWN;
        return problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ": " + shown + (more > 0 ? "; and " + more + " more" : "");
    }
}
