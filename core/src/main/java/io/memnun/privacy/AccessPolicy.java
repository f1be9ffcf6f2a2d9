package io.memnun.privacy;

import io.memnun.feedback.Feedback;

/**
 * Decides what a {@link Viewer} may see and change. {@link #byDepartment()} is the rule the library ships: staff see
 * their departments' feedback, {@link Viewer.Role#ALL_DEPARTMENTS} sees all and may change all,
 * {@link Viewer.Role#PRIVACY_OFFICER} sees all and changes none. A host with other rules implements this.
 */
public interface AccessPolicy {

    /** True when {@code viewer} may read {@code feedback} and its history. */
    boolean canView(Viewer viewer, Feedback feedback);

    /** True when {@code viewer} may apply staff commands to {@code feedback}. */
    boolean canChange(Viewer viewer, Feedback feedback);

    /** Department scoping, with the wider roles of {@link Viewer.Role}. */
    static AccessPolicy byDepartment() {
        return DepartmentScope.INSTANCE;
    }
}
