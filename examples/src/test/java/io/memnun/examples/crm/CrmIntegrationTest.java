package io.memnun.examples.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class CrmIntegrationTest {

    @Test
    void theCrmsTransactionsDirectoryActivityFeedAndCaseTableCarryTheComplaint() throws Exception {
        JdbcDataSource crm = new JdbcDataSource();
        crm.setURL("jdbc:h2:mem:crm-test-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        CrmIntegration.Outcome outcome = CrmIntegration.run(crm, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(outcome.status()).isEqualTo("CLOSED");
        assertThat(outcome.failedCallLeftNothing()).isTrue();
        assertThat(outcome.agentMayNotResolve()).isTrue();
        // the keyword rule sent the invoice complaint to the billing team, whose lead the CRM lets resolve
        assertThat(CrmIntegration.query(crm, "select count(*) from memnun_feedback")).containsExactly("1");
        assertThat(CrmIntegration.query(crm, "select count(*) from crm_call")).containsExactly("1");
        // the listener kept the CRM's case row in step, up to the closing
        assertThat(CrmIntegration.query(crm, "select reference || ' ' || status || ' ' || assignee from crm_case"))
                .containsExactly(outcome.reference() + " CLOSED u-200");
        // memnun's messages went into the CRM's feed: the customer's acknowledgement, decision and closing, and the
        // billing team lead's notice of the new complaint
        assertThat(CrmIntegration.query(crm, "select account || ' ' || kind from crm_activity order by id")).contains(
                "zeynep.kara@acme.example memnun:EMAIL:customer/RECEIVED",
                "zeynep.kara@acme.example memnun:EMAIL:customer/RESOLVED",
                "derya@crm.example memnun:EMAIL:staff/RECEIVED");
        assertThat(CrmIntegration.query(crm, "select body from crm_activity where kind = 'memnun:EMAIL:customer/RECEIVED'"))
                .singleElement().asString().contains(outcome.reference());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("routed to billing, assigned to u-200", "Second call rolled back");
    }
}
