package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.StoreException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.SubjectId;
import io.memnun.routing.Catalog;
import io.memnun.routing.CatalogRef;
import io.memnun.routing.HotelCatalog;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Subject;
import io.memnun.spi.CatalogStore;
import io.memnun.tck.CatalogStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The catalogue store contract on each dialect, and what the JDBC store adds: every entry survives the database,
 * a lost race reports the revision found, and a host's transaction decides over a change.
 */
abstract class JdbcCatalogStoreTests extends CatalogStoreContract {

    /** The storage, on emptied catalogue and rule set tables. */
    abstract JdbcStorage storage();

    abstract DataSource dataSource();

    /** The storage's table prefix. */
    abstract String tablePrefix();

    @Override
    protected CatalogStore createStore() {
        return storage().catalogStore();
    }

    @Test
    void aWholeCatalogueSurvivesTheDatabase() {
        Catalog catalog = HotelCatalog.catalog()
                .withActive(CatalogRef.of(HotelCatalog.LINEN), false)
                .with(Subject.of(SubjectId.of("spa"), new LocalizedText("Spa", "Spa", Map.of("ru", "Спа"))));
        Catalog stored = store.importCatalog(TENANT, catalog);
        Catalog read = store.catalog(TENANT);
        assertThat(read).isEqualTo(stored);
        assertThat(read.revision()).isEqualTo(1);
        assertThat(read.entries()).isEqualTo(catalog.entries());
        assertThat(read.subjectPath(HotelCatalog.ROOM_CLEANLINESS)).containsExactly(HotelCatalog.ROOM_CLEANLINESS,
                HotelCatalog.HOUSEKEEPING);
    }

    @Test
    void aLostFirstWriteReportsTheRevisionFound() {
        store.put(TENANT, Subject.of(SubjectId.of("a"), LocalizedText.of("a", "a")));
        store.put(TENANT, Subject.of(SubjectId.of("b"), LocalizedText.of("b", "b")));
        assertThatThrownBy(() -> store.replace(TENANT, Catalog.empty(), 0))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isZero();
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertThatThrownBy(() -> store.replace(TENANT, Catalog.empty(), 5))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.actualVersion()).isEqualTo(2));
        assertThat(store.catalog(TENANT).revision()).isEqualTo(2);
    }

    @Test
    void insideAHostTransactionAChangeCommitsOrRollsBackWithIt() throws SQLException {
        JdbcStorage storage = storage();
        CatalogStore catalogs = storage.catalogStore();
        catalogs.put(TENANT, Subject.of(SubjectId.of("a"), LocalizedText.of("a", "a")));
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            storage.withConnection(c, () -> {
                // a conflict on the first write must leave the host's transaction usable (PostgreSQL would abort it)
                assertThatThrownBy(() -> catalogs.replace(TENANT, Catalog.empty(), 0)).isInstanceOf(VersionConflictException.class);
                catalogs.put(TENANT, Subject.of(SubjectId.of("b"), LocalizedText.of("b", "b")));
                assertThat(catalogs.catalog(TENANT).revision()).isEqualTo(2);
            });
            c.rollback();
        }
        assertThat(catalogs.catalog(TENANT).revision()).isEqualTo(1);
        assertThat(catalogs.catalog(TENANT).subject(SubjectId.of("b"))).isEmpty();
    }

    @Test
    void aStoredCatalogueThatFailsItsChecksIsRefusedNamingTheFieldAndTheRowNotTheValue() {
        store.importCatalog(TENANT, HotelCatalog.catalog());
        // a hand-edit names a department head who is not in the staff list; the check quotes the id it cannot find
        StoredDocuments.rewrite(dataSource(), tablePrefix() + "catalog", "document", TENANT.value(),
                d -> d.replaceFirst("\"head\"\\s*:\\s*\"ayse\"", "\"head\": \"ayse.yilmaz\""));

        assertThatThrownBy(() -> store.catalog(TENANT))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("tenant " + TENANT).hasMessageContaining("revision 1").hasMessageContaining("departments[0].head")
                .hasMessageNotContaining("yilmaz");
    }
}
