package io.memnun.privacy;

import io.memnun.feedback.Feedback;

/** {@link AccessPolicy#byDepartment()}. */
enum DepartmentScope implements AccessPolicy {
    INSTANCE;

    @Override
    public boolean canView(Viewer viewer, Feedback feedback) {
        return viewer.has(Viewer.Role.ALL_DEPARTMENTS) || viewer.has(Viewer.Role.PRIVACY_OFFICER) || inDepartment(viewer, feedback);
    }

    @Override
    public boolean canChange(Viewer viewer, Feedback feedback) {
        return viewer.has(Viewer.Role.ALL_DEPARTMENTS) || inDepartment(viewer, feedback);
    }

    private static boolean inDepartment(Viewer viewer, Feedback feedback) {
        // feedback not yet routed has no department: only the wider roles see it
        return feedback.department().map(viewer.departments()::contains).orElse(false);
    }
}
