package io.memnun.examples.crm;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.StaffId;
import io.memnun.spi.FeedbackListener;
import java.sql.PreparedStatement;
import java.sql.Timestamp;

/**
 * Listens to the feedback lifecycle and keeps the CRM's case table in step, so the CRM's own screens and reports
 * show each complaint's state without asking memnun. Inside a CRM transaction it writes in that transaction.
 */
final class CaseSync implements FeedbackListener {
    private final CrmDatabase crm;

    CaseSync(CrmDatabase crm) {
        this.crm = crm;
    }

    @Override
    public void onEvent(Feedback feedback, FeedbackEvent event) {
        crm.joinOrStart(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "merge into crm_case (reference, status, last_event, assignee, updated_at) key (reference) values (?, ?, ?, ?, ?)")) {
                ps.setString(1, feedback.reference().toString());
                ps.setString(2, feedback.status().name());
                ps.setString(3, event.type().name());
                ps.setString(4, feedback.assignee().map(StaffId::value).orElse(null));
                ps.setTimestamp(5, Timestamp.from(event.at()));
                return ps.executeUpdate();
            }
        });
    }
}
