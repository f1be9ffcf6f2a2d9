package io.memnun.routing;

import java.util.List;

/** The outcome of {@link Router#validate}: every problem found, in rule order; none means it may be activated. */
public record RuleSetReport(List<RuleSetProblem> problems) {
    public RuleSetReport {
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The problems of one kind. */
    public List<RuleSetProblem> problems(RuleSetProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).toList();
    }

    /** The problems of one rule. */
    public List<RuleSetProblem> problemsOf(String ruleId) {
        return problems.stream().filter(p -> ruleId.equals(p.ruleId())).toList();
    }
}
