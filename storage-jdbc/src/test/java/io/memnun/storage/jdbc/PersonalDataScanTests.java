package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.memnun.HistoryVerifier;
import io.memnun.feedback.Actor;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.AccessLogEntry;
import io.memnun.privacy.ErasureReport;
import io.memnun.tck.Fixtures;
import io.memnun.tck.PersonalDataScenario;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An erased guest is found in no column of any row of any table: every table of the schema, found through the
 * driver's metadata (so a table added later is scanned too), read whole with {@code SELECT *}, every value as text
 * (bytes as UTF-8, JSON with its escapes undone). The same scan before the erasure finds every value, which shows the
 * scan can see them.
 */
abstract class PersonalDataScanTests {
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    protected abstract DataSource dataSource();

    protected abstract JdbcStorage storage();

    @Test
    void anErasedGuestIsFoundInNoColumnOfAnyRowOfAnyTable() throws SQLException {
        JdbcStorage storage = storage();
        TenantId tenant = Fixtures.newTenant("scan");
        PersonalDataScenario scenario = new PersonalDataScenario(storage.feedbackStore(), storage.trackingTokenStore(),
                storage.attachmentStore(), storage.surveyStore(), storage.privacyStore(),
                Clock.fixed(Instant.parse("2026-03-16T07:00:00Z"), ZoneOffset.UTC));
        PersonalDataScenario.Result r = scenario.run(tenant);
        // since schema 24 the stores keep no digest beside a text: they are computed from it. A database upgraded
        // from before still holds them, and its erasure must remove them, which is what this scan looks for
        assertThat(String.join("\n", scan())).doesNotContain(HistoryChain.textDigest(PersonalDataScenario.NOTE + " ("
                + PersonalDataScenario.NAME + ", " + PersonalDataScenario.PHONE_NATIONAL + ")"));
        LegacyDigests.rewriteAsJson(dataSource(), storage.feedbackStore(), tenant);

        List<String> before = scan();
        assertThat(PersonalDataScenario.needles()).allSatisfy(n -> assertThat(anyContains(before, n)).as("before the erasure: " + n).isTrue());
        // the texts the history holds enter its hash chain through their digests, which a guess could be checked against
        String note = PersonalDataScenario.NOTE + " (" + PersonalDataScenario.NAME + ", " + PersonalDataScenario.PHONE_NATIONAL + ")";
        List<String> digests = new ArrayList<>();
        digests.add(HistoryChain.textDigest(note));
        PersonalDataScenario.needles().forEach(n -> digests.add(HistoryChain.textDigest(n)));
        assertThat(anyContains(before, digests.get(0))).as("before the erasure: the note's digest, as stored before schema 24").isTrue();

        ErasureReport report = scenario.privacy().erase(tenant, r.persons(), Actor.staff("kvkk.sorumlusu"));

        assertThat(report.anonymised()).hasSize(2);
        assertThat(report.campaignInvitations()).isEqualTo(1);
        assertThat(storage.surveyStore().findInvitation(tenant, r.campaign().id()).orElseThrow().recipient()).isNull();
        List<String> after = scan();
        for (String needle : PersonalDataScenario.needles()) {
            assertThat(after.stream().filter(v -> contains(v, needle)).toList()).as("values still holding '" + needle + "'").isEmpty();
        }
        assertThat(anyContains(after, PersonalDataScenario.OTHER_NAME)).as("the other guest is kept").isTrue();
        assertThat(anyContains(after, PersonalDataScenario.OTHER_DESCRIPTION)).isTrue();
        // no digest of a removed text is left: the anonymisation sealed the rewritten events anew, and the chain verifies
        for (String digest : digests) {
            assertThat(after.stream().filter(v -> contains(v, digest)).toList()).as("values still holding the digest " + digest).isEmpty();
        }
        assertThat(HistoryVerifier.of(storage.feedbackStore()).verifyTenant(tenant).broken()).isEmpty();
        // the access log keeps what was done (the export, each anonymisation, the erasure), naming the guest by keyed
        // digests only: no plain hash of a key, which a guess could be checked against, is stored
        assertThat(storage.privacyStore().accessLog(tenant, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))
                .extracting(AccessLogEntry::action, AccessLogEntry::why)
                .containsExactly(tuple(AccessLogEntry.Action.EXPORT, PersonalDataScenario.ACCESS_REQUEST),
                        tuple(AccessLogEntry.Action.ANONYMISATION, "erasure-request"),
                        tuple(AccessLogEntry.Action.ANONYMISATION, "erasure-request"),
                        tuple(AccessLogEntry.Action.ERASURE, "erasure-request"));
        assertThat(anyContains(after, "privacy_log.why=" + PersonalDataScenario.ACCESS_REQUEST)).isTrue();
        for (io.memnun.privacy.PersonKey key : r.persons()) {
            for (String text : List.of(key.value(), key.toString(), tenant.value() + "\n" + key)) {
                String plain = java.util.HexFormat.of().formatHex(sha256(text));
                assertThat(anyContains(before, plain) || anyContains(after, plain)).as("a plain hash of " + key.kind()).isFalse();
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every value of every row of every table in the connection's schema, as "table.column=value". */
    private List<String> scan() throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).as("tables found in schema " + c.getSchema())
                    .anySatisfy(t -> assertThat(t.toLowerCase(Locale.ROOT)).endsWith("feedback_event"))
                    .anySatisfy(t -> assertThat(t.toLowerCase(Locale.ROOT)).endsWith("outbox"))
                    .anySatisfy(t -> assertThat(t.toLowerCase(Locale.ROOT)).endsWith("consent"));
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData m = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= m.getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            if (v != null) {
                                String text = v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v);
                                values.add(table + "." + m.getColumnName(i) + "=" + unescape(text));
                            }
                        }
                    }
                }
            }
        }
        return values;
    }

    private static boolean anyContains(List<String> values, String needle) {
        return values.stream().anyMatch(v -> contains(v, needle));
    }

    private static boolean contains(String value, String needle) {
        return value.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    /** JSON may write non-ASCII letters as \\uXXXX: undo that so an escaped name is still found. */
    private static String unescape(String text) {
        Matcher m = UNICODE_ESCAPE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
