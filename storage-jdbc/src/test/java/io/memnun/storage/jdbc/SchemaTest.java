package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.memnun.FeedbackDesk;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.storage.jdbc.internal.Migrations;
import io.memnun.storage.jdbc.internal.Tables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Migrations, the table prefix and the start-up check of the schema version (on H2; PostgreSQL runs the same scripts in the store tests). */
class SchemaTest {
    private static final String NEXT_RELEASE = "classpath:db/memnun-next/h2";
    private static final String BRANCH = "classpath:db/memnun-branch/h2";

    @ParameterizedTest
    @ValueSource(strings = {"Memnun_", "memnun-", "memnun_;drop table x;", "1memnun_", "_memnun", "memnun prefix", "şikayet_",
        "a234567890123456789012345678901"})
    void aBadTablePrefixIsRefusedNamingTheProperty(String prefix) {
        assertThatThrownBy(() -> JdbcStorage.builder().tablePrefix(prefix))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("tablePrefix"));
    }

    @Test
    void anEmptyPrefixAndTheLongestPrefixAreAccepted() {
        DataSource ds = TestDatabases.h2();
        JdbcStorage none = JdbcStorage.builder().dataSource(ds).tablePrefix("").migrateOnStart(true).build();
        JdbcStorage longest = JdbcStorage.builder().dataSource(ds).tablePrefix("a23456789012345678901234567890").migrateOnStart(true).build();
        assertThat(tables(ds)).contains("FEEDBACK", "FEEDBACK_EVENT", "REFERENCE_SEQUENCE", "A23456789012345678901234567890FEEDBACK");
        assertThat(none.schemaVersion()).contains(none.requiredSchemaVersion());
        assertThat(longest.schemaVersion()).contains(longest.requiredSchemaVersion());
    }

    @Test
    void withoutMigrateOnStartMissingTablesAreReportedAtStartUp() {
        DataSource ds = TestDatabases.h2();
        assertThatThrownBy(() -> JdbcStorage.builder().dataSource(ds).build())
                .isInstanceOfSatisfying(SchemaVersionException.class, e -> {
                    assertThat(e.found()).isNull();
                    assertThat(e.required()).isEqualTo(new Migrations(ds, Dialect.H2, new Tables("memnun_")).requiredVersion());
                    assertThat(e).hasMessageContaining("tables are missing").hasMessageContaining("migrate");
                });
        assertThat(tables(ds)).noneMatch(t -> t.startsWith("MEMNUN_FEEDBACK"));
    }

    @Test
    void aSchemaOlderThanTheCodeIsReportedWithBothVersions() {
        DataSource ds = TestDatabases.h2();
        String current = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build().requiredSchemaVersion();
        // a later release of memnun, which brings migration 900, meets this schema at the current version
        Migrations next = new Migrations(ds, Dialect.H2, new Tables("memnun_"), NEXT_RELEASE);
        assertThatThrownBy(next::check).isInstanceOfSatisfying(SchemaVersionException.class, e -> {
            assertThat(e.found()).isEqualTo(current);
            assertThat(e.required()).isEqualTo("900");
            assertThat(e).hasMessageContaining("schema is at version " + current + " but this code needs version 900");
        });
        assertThat(next.migrate()).isEqualTo(1);
        next.check();
    }

    @Test
    void aSchemaNewerThanTheCodeIsRefusedAtStartUp() {
        DataSource ds = TestDatabases.h2();
        new Migrations(ds, Dialect.H2, new Tables("memnun_"), NEXT_RELEASE).migrate();
        assertThatThrownBy(() -> JdbcStorage.builder().dataSource(ds).build())
                .isInstanceOfSatisfying(SchemaVersionException.class, e -> {
                    assertThat(e.found()).isEqualTo("900");
                    assertThat(e).hasMessageContaining("newer than this code");
                });
    }

    @Test
    void aSchemaNewerThanTheCodeIsRefusedAtStartUpAlsoWithMigrateOnStart() {
        DataSource ds = TestDatabases.h2();
        new Migrations(ds, Dialect.H2, new Tables("memnun_"), NEXT_RELEASE).migrate();
        // an older memnun must not write a schema a newer one migrated, whether it was asked to migrate or not
        assertThatThrownBy(() -> JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build())
                .isInstanceOfSatisfying(SchemaVersionException.class, e -> {
                    assertThat(e.found()).isEqualTo("900");
                    assertThat(e).hasMessageContaining("newer than this code");
                });
        JdbcStorage storage = JdbcStorage.builder().dataSource(ds).dialect(Dialect.H2).tablePrefix("other_").migrateOnStart(true).build();
        assertThatThrownBy(() -> new Migrations(ds, Dialect.H2, new Tables("memnun_")).migrate()).isInstanceOf(SchemaVersionException.class);
        assertThat(storage.schemaVersion()).contains(storage.requiredSchemaVersion());
    }

    @Test
    void aSchemaMissingAMigrationBelowItsVersionIsReportedAsOlderThanTheCode() {
        DataSource ds = TestDatabases.h2();
        // the database got migration 901 first; the code also brings 900, which never ran there
        new Migrations(ds, Dialect.H2, new Tables("memnun_"), BRANCH).migrate();
        Migrations code = new Migrations(ds, Dialect.H2, new Tables("memnun_"), NEXT_RELEASE, BRANCH);
        assertThatThrownBy(code::check).isInstanceOfSatisfying(SchemaVersionException.class, e -> {
            assertThat(e.found()).isEqualTo("901");
            assertThat(e.required()).isEqualTo("901");
            assertThat(e).hasMessageContaining("900").hasMessageContaining("never ran");
        });
        // migrating (as migrate-on-start does) says the same, and applies nothing
        assertThatThrownBy(code::migrate).isInstanceOfSatisfying(SchemaVersionException.class,
                e -> assertThat(e).hasMessageContaining("900").hasMessageContaining("never ran"));
        assertThat(code.currentVersion()).isEqualTo("901");
    }

    @Test
    void theStartUpCheckNeedsOneConnectionOfThePool() {
        DataSource ds = TestDatabases.h2();
        JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
        HikariConfig config = new HikariConfig();
        config.setDataSource(ds);
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(1000);
        try (HikariDataSource one = new HikariDataSource(config)) {
            JdbcStorage storage = JdbcStorage.builder().dataSource(one).build();
            storage.checkSchema();
            assertThat(storage.schemaVersion()).contains(storage.requiredSchemaVersion());
            TenantId tenant = TenantId.of("t");
            assertThat(storage.feedbackStore().next(tenant, "FB", 2026)).isEqualTo(1);
        }
    }

    @Test
    void migratingTwiceRunsNothingTheSecondTimeAndTheCheckThenPasses() {
        DataSource ds = TestDatabases.h2();
        JdbcStorage storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
        assertThat(storage.migrate()).isZero();
        assertThat(storage.schemaVersion()).contains(storage.requiredSchemaVersion());
        JdbcStorage.builder().dataSource(ds).build().checkSchema();
    }

    @Test
    void twoPrefixesAreTwoIndependentInstallationsInOneSchemaBesideTheHostsTables() throws SQLException {
        DataSource ds = TestDatabases.h2();
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("CREATE TABLE guest (id INT PRIMARY KEY, name VARCHAR(100))");
        }
        JdbcStorage a = JdbcStorage.builder().dataSource(ds).tablePrefix("hotel_a_").migrateOnStart(true).build();
        JdbcStorage b = JdbcStorage.builder().dataSource(ds).tablePrefix("hotel_b_").migrateOnStart(true).build();
        assertThat(tables(ds)).contains("GUEST", "HOTEL_A_FEEDBACK", "HOTEL_B_FEEDBACK", "hotel_a_schema_history", "hotel_b_schema_history");

        TenantId tenant = TenantId.of("t");
        Feedback f = FeedbackDesk.builder().store(a.feedbackStore()).build()
                .receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "only in a").build());
        assertThat(a.feedbackStore().find(tenant, f.id())).isPresent();
        assertThat(b.feedbackStore().find(tenant, f.id())).isEmpty();
        assertThat(b.feedbackStore().next(tenant, "FB", f.reference().year())).isEqualTo(1);
    }

    private static List<String> tables(DataSource ds) {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}
