package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.StoreException;
import io.memnun.feedback.TenantId;
import io.memnun.tck.Fixtures;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a host sees when a statement of a store call fails: a {@link StoreException} that says what could not be
 * done, with the driver's exception as its cause, and nothing a guest gave in its message (it ends up in logs).
 */
class StoreFailureTest extends OnEachDatabase {
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFailedAttachmentWriteNamesNoFileNameAGuestGave(String database) {
        on(database);
        FailingDataSource faulty = new FailingDataSource(dataSource());
        JdbcStorage storage = JdbcStorage.builder().dataSource(faulty).build();
        TenantId tenant = Fixtures.newTenant("files");
        faulty.failCall(1);
        assertThatThrownBy(() -> storage.attachmentStore().store(tenant, "sukru-kimlik-fotokopisi.jpg", "image/jpeg",
                "bytes".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e).hasMessageContaining("store attachment").hasMessageContaining(tenant.value())
                            .hasMessageNotContaining("sukru").hasMessageNotContaining("kimlik");
                    assertThat(e.getCause()).isInstanceOf(SQLException.class);
                });
        assertThat(TestDatabases.rows(dataSource(), "attachment", tenant, "1 = 1")).isZero();
    }
}
