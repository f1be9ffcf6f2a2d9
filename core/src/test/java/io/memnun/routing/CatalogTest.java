package io.memnun.routing;

import static io.memnun.routing.HotelCatalog.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog catalog = HotelCatalog.catalog();

    @Test
    void subjectPathsRunFromTheSubjectToTheRoot() {
        assertThat(catalog.subjectPath(ROOM_CLEANLINESS)).containsExactly(ROOM_CLEANLINESS, HOUSEKEEPING);
        assertThat(catalog.subjectPath(HOUSEKEEPING)).containsExactly(HOUSEKEEPING);
        assertThat(catalog.isUnder(ROOM_CLEANLINESS, HOUSEKEEPING)).isTrue();
        assertThat(catalog.isUnder(HOUSEKEEPING, ROOM_CLEANLINESS)).isFalse();
        assertThat(catalog.isUnder(ROOM_CLEANLINESS, TECHNICAL)).isFalse();
        assertThat(catalog.subjectPath(SubjectId.of("unknown"))).containsExactly(SubjectId.of("unknown"));
        assertThat(catalog.children(HOUSEKEEPING)).extracting(Subject::id).containsExactly(ROOM_CLEANLINESS, LINEN);
    }

    @Test
    void locationsFormAThreeLevelTree() {
        assertThat(catalog.locationPath(POOL_BAR)).containsExactly(POOL_BAR, BESIKTAS, CHAIN);
        assertThat(catalog.isUnder(BEACH_BAR, CHAIN)).isTrue();
        assertThat(catalog.isUnder(BEACH_BAR, BESIKTAS)).isFalse();
    }

    @Test
    void aLocationWithoutACalendarUsesItsNearestAncestors() {
        assertThat(catalog.calendarOf(POOL_BAR)).contains("hotel-24-7");
        assertThat(catalog.calendarOf(SPA)).contains("spa-hours");
        assertThat(catalog.calendarOf(CHAIN)).contains("head-office");
        assertThat(catalog.calendarOf(LocationId.of("nowhere"))).isEmpty();
    }

    @Test
    void anUnknownParentIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> catalog.with(Subject.of(SubjectId.of("minibar"), SubjectId.of("rooms"),
                        LocalizedText.of("Minibar", "Minibar"))))
                .isInstanceOfSatisfying(CatalogValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("subjects[minibar].parent");
                    assertThat(e.entry()).isEqualTo(CatalogRef.of(SubjectId.of("minibar")));
                    assertThat(e.getMessage()).contains("unknown subject 'rooms'");
                });
    }

    @Test
    void aCycleInATreeIsRefusedAndTheCatalogueStaysAsItWas() {
        // housekeeping under its own grandchild would close the loop
        Subject loop = new Subject(HOUSEKEEPING, ROOM_CLEANLINESS, LocalizedText.of("Kat Hizmetleri", "Housekeeping"), true);
        assertThatThrownBy(() -> catalog.with(loop))
                .isInstanceOf(CatalogValidationException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("housekeeping > room-cleanliness > housekeeping");
        assertThat(catalog.subject(HOUSEKEEPING).orElseThrow().parent()).isNull();

        Location chainUnderOutlet = new Location(CHAIN, BEACH_BAR, LocalizedText.of("B", "B"), "x", true);
        assertThatThrownBy(() -> catalog.with(chainUnderOutlet))
                .isInstanceOf(CatalogValidationException.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void anEntryCannotBeItsOwnParent() {
        assertThatThrownBy(() -> new Subject(LINEN, LINEN, LocalizedText.of("a", "b"), true))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("own parent");
    }

    @Test
    void staffMustWorkForKnownDepartmentsAndHeadsMustBeKnownStaff() {
        assertThatThrownBy(() -> catalog.with(Staff.builder("ali", "Ali Veli").department("spa-team").build()))
                .isInstanceOfSatisfying(CatalogValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("staff[ali].departments"));
        assertThatThrownBy(() -> catalog.with(Department.of(DepartmentId.of("spa-team"), LocalizedText.of("Spa", "Spa"),
                        StaffId.of("nobody"))))
                .isInstanceOfSatisfying(CatalogValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("departments[spa-team].head"));
    }

    @Test
    void aDepartmentAndItsHeadMayBeAddedTogetherInEitherOrder() {
        Catalog c = catalog.with(
                Department.of(DepartmentId.of("spa-team"), LocalizedText.of("Spa Ekibi", "Spa team"), StaffId.of("ali")),
                Staff.builder("ali", "Ali Veli").department("spa-team").build());
        assertThat(c.activeStaffOf(DepartmentId.of("spa-team"), null)).extracting(Staff::id).containsExactly(StaffId.of("ali"));
    }

    @Test
    void deactivatedEntriesStayReadableButAreNotEligible() {
        Catalog c = catalog.withActive(CatalogRef.of(ZEYNEP), false).withActive(CatalogRef.of(HOUSEKEEPING), false);
        assertThat(c.staff(ZEYNEP)).get().extracting(Staff::active).isEqualTo(false);
        assertThat(c.subject(HOUSEKEEPING)).get().extracting(Subject::name).isEqualTo(LocalizedText.of("Kat Hizmetleri", "Housekeeping"));
        assertThat(c.subjectPath(ROOM_CLEANLINESS)).containsExactly(ROOM_CLEANLINESS, HOUSEKEEPING);
        assertThat(c.staffOf(HK)).extracting(Staff::id).containsExactly(AYSE, ELIF, GUL, ZEYNEP);
        assertThat(c.activeStaffOf(HK, null)).extracting(Staff::id).containsExactly(AYSE, GUL);
        assertThat(c.isActive(CatalogRef.of(ZEYNEP))).isFalse();
        assertThat(c.withActive(CatalogRef.of(ZEYNEP), true).activeStaffOf(HK, null)).extracting(Staff::id)
                .containsExactly(AYSE, GUL, ZEYNEP);
    }

    @Test
    void deactivatingSomethingUnknownIsNotFound() {
        assertThatThrownBy(() -> catalog.withActive(CatalogRef.of(StaffId.of("ghost")), false))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("staff[ghost]");
    }

    @Test
    void activeStaffCanBeFilteredByRole() {
        assertThat(catalog.activeStaffOf(HK, "supervisor")).extracting(Staff::id).containsExactly(AYSE);
        assertThat(catalog.activeStaffOf(HK, "nobody-has-this")).isEmpty();
    }

    @Test
    void localizedNamesFallBackToEnglish() {
        LocalizedText name = LocalizedText.of("Kat Hizmetleri", "Housekeeping").with("de", "Hauswirtschaft");
        assertThat(name.in(Locale.forLanguageTag("tr-TR"))).isEqualTo("Kat Hizmetleri");
        assertThat(name.in(Locale.ENGLISH)).isEqualTo("Housekeeping");
        assertThat(name.in(Locale.GERMANY)).isEqualTo("Hauswirtschaft");
        assertThat(name.in(Locale.FRENCH)).isEqualTo("Housekeeping");
        assertThat(name.with("tr", "Kat").tr()).isEqualTo("Kat");
    }

    @Test
    void localizedNamesAreValidated() {
        assertThatThrownBy(() -> LocalizedText.of(" ", "x")).isInstanceOf(ValidationException.class)
                .extracting("field").isEqualTo("name.tr");
        assertThatThrownBy(() -> new LocalizedText("a", "b", Map.of("en-GB", "c"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("tr and en");
        assertThatThrownBy(() -> LocalizedText.of("a", "line\nbreak")).isInstanceOf(ValidationException.class);
    }

    @Test
    void staffLimitsAreValidated() {
        assertThatThrownBy(() -> Staff.builder("x", "X").maxOpenLoad(0).build())
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("maxOpenLoad");
    }

    @Test
    void theRevisionDoesNotChangeTheContent() {
        Catalog r5 = catalog.withRevision(5);
        assertThat(r5.revision()).isEqualTo(5);
        assertThat(r5.entries()).isEqualTo(catalog.entries());
        assertThat(Catalog.empty().revision()).isZero();
        assertThat(Catalog.empty().isEmpty()).isTrue();
    }
}
