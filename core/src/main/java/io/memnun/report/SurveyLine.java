package io.memnun.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One department's survey scores in a period, as a management review lists them (from the survey desk's scoring).
 *
 * @param department the department id
 * @param csat satisfied answers in percent, if any
 * @param nps the net promoter score, if any
 * @param responseRate answered invitations in percent, if any
 * @param responses responses that scored the department
 */
public record SurveyLine(String department, OptionalDouble csat, OptionalDouble nps, OptionalDouble responseRate, int responses) {
    public SurveyLine {
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(csat, "csat");
        Objects.requireNonNull(nps, "nps");
        Objects.requireNonNull(responseRate, "responseRate");
    }
}
