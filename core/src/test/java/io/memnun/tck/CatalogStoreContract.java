package io.memnun.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.VersionConflictException;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.Catalog;
import io.memnun.routing.CatalogRef;
import io.memnun.routing.CatalogValidationException;
import io.memnun.routing.Department;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Staff;
import io.memnun.routing.Subject;
import io.memnun.spi.CatalogStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CatalogStore} must do. Subclass it once per implementation. */
public abstract class CatalogStoreContract {
    protected static final TenantId TENANT = TenantId.of("hotel-a");
    protected static final TenantId OTHER = TenantId.of("hotel-b");
    private static final SubjectId HOUSEKEEPING = SubjectId.of("housekeeping");
    private static final SubjectId ROOMS = SubjectId.of("rooms");

    protected CatalogStore store;

    /** A new, empty store. */
    protected abstract CatalogStore createStore();

    @BeforeEach
    void setUpStore() {
        store = createStore();
    }

    @Test
    void anUnknownTenantHasAnEmptyCatalogueAtRevisionZero() {
        assertThat(store.catalog(TENANT).isEmpty()).isTrue();
        assertThat(store.catalog(TENANT).revision()).isZero();
    }

    @Test
    void putAddsAndReplacesEntriesAndEveryWriteRaisesTheRevision() {
        Catalog c1 = store.put(TENANT, Subject.of(HOUSEKEEPING, LocalizedText.of("Kat", "Housekeeping")));
        Catalog c2 = store.put(TENANT, Subject.of(ROOMS, HOUSEKEEPING, LocalizedText.of("Odalar", "Rooms")));
        Catalog c3 = store.put(TENANT, Subject.of(ROOMS, HOUSEKEEPING, LocalizedText.of("Odalar", "Guest rooms")));
        assertThat(List.of(c1.revision(), c2.revision(), c3.revision())).containsExactly(1L, 2L, 3L);
        Catalog read = store.catalog(TENANT);
        assertThat(read.revision()).isEqualTo(3);
        assertThat(read.subject(ROOMS).orElseThrow().name().en()).isEqualTo("Guest rooms");
        assertThat(read.subjectPath(ROOMS)).containsExactly(ROOMS, HOUSEKEEPING);
    }

    @Test
    void tenantsDoNotSeeEachOthersCatalogue() {
        store.put(TENANT, Subject.of(HOUSEKEEPING, LocalizedText.of("Kat", "Housekeeping")));
        assertThat(store.catalog(OTHER).isEmpty()).isTrue();
    }

    @Test
    void anInconsistentChangeIsRefusedAndNothingIsWritten() {
        store.put(TENANT, Subject.of(HOUSEKEEPING, LocalizedText.of("Kat", "Housekeeping")));
        assertThatThrownBy(() -> store.put(TENANT,
                        Subject.of(ROOMS, HOUSEKEEPING, LocalizedText.of("Odalar", "Rooms")),
                        Subject.of(SubjectId.of("minibar"), SubjectId.of("nowhere"), LocalizedText.of("Minibar", "Minibar"))))
                .isInstanceOf(CatalogValidationException.class);
        assertThatThrownBy(() -> store.put(TENANT,
                        new Subject(HOUSEKEEPING, ROOMS, LocalizedText.of("Kat", "Housekeeping"), true),
                        Subject.of(ROOMS, HOUSEKEEPING, LocalizedText.of("Odalar", "Rooms"))))
                .isInstanceOf(CatalogValidationException.class)
                .hasMessageContaining("cycle");
        Catalog read = store.catalog(TENANT);
        assertThat(read.revision()).isEqualTo(1);
        assertThat(read.subject(ROOMS)).isEmpty();
    }

    @Test
    void deactivatedEntriesStayReadableAndCanBeReactivated() {
        store.put(TENANT, Department.of(DepartmentId.of("hk"), LocalizedText.of("Kat", "Housekeeping")),
                Staff.builder("ayse", "Ayşe Yılmaz").department("hk").build());
        store.deactivate(TENANT, CatalogRef.of(StaffId.of("ayse")));
        Catalog read = store.catalog(TENANT);
        assertThat(read.staff(StaffId.of("ayse"))).get().extracting(Staff::active).isEqualTo(false);
        assertThat(read.activeStaffOf(DepartmentId.of("hk"), null)).isEmpty();
        store.reactivate(TENANT, CatalogRef.of(StaffId.of("ayse")));
        assertThat(store.catalog(TENANT).activeStaffOf(DepartmentId.of("hk"), null)).hasSize(1);
    }

    @Test
    void replaceRefusesAStaleRevision() {
        store.put(TENANT, Subject.of(HOUSEKEEPING, LocalizedText.of("Kat", "Housekeeping")));
        Catalog stale = store.catalog(TENANT);
        store.put(TENANT, Subject.of(ROOMS, HOUSEKEEPING, LocalizedText.of("Odalar", "Rooms")));
        assertThatThrownBy(() -> store.replace(TENANT, stale.with(Subject.of(SubjectId.of("x"), LocalizedText.of("x", "x"))),
                        stale.revision()))
                .isInstanceOf(VersionConflictException.class);
        assertThat(store.catalog(TENANT).subject(ROOMS)).isPresent();
    }

    @Test
    void importReplacesTheWholeCatalogue() {
        store.put(TENANT, Subject.of(HOUSEKEEPING, LocalizedText.of("Kat", "Housekeeping")));
        Catalog imported = Catalog.builder().put(Subject.of(ROOMS, LocalizedText.of("Odalar", "Rooms"))).build();
        Catalog stored = store.importCatalog(TENANT, imported);
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(store.catalog(TENANT).subjects()).extracting(Subject::id).containsExactly(ROOMS);
    }

    @Test
    void concurrentPutsAreNotLost() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                start.await();
                for (int k = 0; k < 5; k++) {
                    store.put(TENANT, Subject.of(SubjectId.of("s" + n + "-" + k), LocalizedText.of("s", "s")));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(store.catalog(TENANT).subjects()).hasSize(writers * 5);
        assertThat(store.catalog(TENANT).revision()).isEqualTo(writers * 5L);
    }
}
