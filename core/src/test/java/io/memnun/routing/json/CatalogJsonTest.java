package io.memnun.routing.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.Catalog;
import io.memnun.routing.CatalogRef;
import io.memnun.routing.HotelCatalog;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Subject;
import io.memnun.store.memory.InMemoryCatalogStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogJsonTest {
    private static final String MINIMAL = """
            {"subjects": [
               {"id": "housekeeping", "name": {"tr": "Kat Hizmetleri", "en": "Housekeeping"}},
               {"id": "rooms", "parent": "housekeeping", "name": {"tr": "Odalar", "en": "Rooms", "de": "Zimmer"}}
            ]}""";

    @Test
    void aCatalogueSurvivesTheRoundTrip() {
        Catalog catalog = HotelCatalog.catalog()
                .withActive(CatalogRef.of(HotelCatalog.LINEN), false)
                .with(Subject.of(SubjectId.of("spa"), new LocalizedText("Spa", "Spa", java.util.Map.of("ru", "Спа"))));
        String json = CatalogJson.write(catalog);
        Catalog read = CatalogJson.read(json);
        assertThat(read.entries()).isEqualTo(catalog.entries());
        assertThat(read.revision()).isZero();
        assertThat(CatalogJson.write(read)).isEqualTo(json);
        assertThat(json).contains("\"format\" : \"memnun-catalog/1\"").contains("Ayşe Yılmaz");
    }

    @Test
    void readsFromAStreamAndDefaultsActiveToTrue() {
        Catalog c = CatalogJson.read(new ByteArrayInputStream(MINIMAL.getBytes(StandardCharsets.UTF_8)));
        Subject rooms = c.subject(SubjectId.of("rooms")).orElseThrow();
        assertThat(rooms.active()).isTrue();
        assertThat(rooms.name().others()).containsEntry("de", "Zimmer");
        assertThat(c.subjectPath(rooms.id())).containsExactly(SubjectId.of("rooms"), SubjectId.of("housekeeping"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown parent          | {"subjects": [{"id": "a", "name": {"tr": "a", "en": "a"}}, {"id": "b", "parent": "x", "name": {"tr": "b", "en": "b"}}]} | subjects[1].parent
            cycle                   | {"subjects": [{"id": "a", "parent": "b", "name": {"tr": "a", "en": "a"}}, {"id": "b", "parent": "a", "name": {"tr": "b", "en": "b"}}]} | subjects[0].parent
            missing name            | {"subjects": [{"id": "a"}]} | subjects[0].name
            blank English name      | {"types": [{"id": "t", "name": {"tr": "t", "en": " "}}]} | types[0].name.en
            name is a number        | {"types": [{"id": "t", "name": {"tr": 5, "en": "t"}}]} | types[0].name.tr
            bad language tag        | {"types": [{"id": "t", "name": {"tr": "t", "en": "t", "!!": "x"}}]} | types[0].name.!!
            id with a line break    | {"departments": [{"id": "a\\nb", "name": {"tr": "a", "en": "a"}}]} | departments[0].id
            unknown field           | {"departments": [{"id": "d", "nmae": {"tr": "a", "en": "a"}}]} | departments[0].nmae
            unknown head            | {"departments": [{"id": "d", "name": {"tr": "a", "en": "a"}, "head": "ghost"}]} | departments[0].head
            unknown department      | {"staff": [{"id": "s", "name": "S", "departments": ["nowhere"]}]} | staff[0].departments
            department not a string | {"staff": [{"id": "s", "name": "S", "departments": [7]}]} | staff[0].departments[0]
            zero load               | {"staff": [{"id": "s", "name": "S", "maxOpenLoad": 0}]} | staff[0].maxOpenLoad
            fractional load         | {"staff": [{"id": "s", "name": "S", "maxOpenLoad": 2.5}]} | staff[0].maxOpenLoad
            active as text          | {"staff": [{"id": "s", "name": "S", "active": "yes"}]} | staff[0].active
            bad channel code        | {"channels": [{"code": "Web Form", "name": {"tr": "a", "en": "a"}}]} | channels[0].code
            duplicate id            | {"subjects": [{"id": "a", "name": {"tr": "a", "en": "a"}}, {"id": "a", "name": {"tr": "b", "en": "b"}}]} | subjects[1].id
            list is an object       | {"subjects": {"id": "a"}} | subjects
            entry is a string       | {"subjects": ["a"]} | subjects[0]
            unknown root field      | {"subject": []} | subject
            other format            | {"format": "memnun-catalog/9"} | format
            not an object           | [1, 2] | $
            syntax error            | {"subjects": [ | $
            trailing garbage        | {} {} | $
            duplicate key           | {"subjects": [], "subjects": []} | $
            empty                   | '' | $
            """)
    void badJsonNamesThePathOfTheBadValue(String problem, String json, String path) {
        assertThatThrownBy(() -> CatalogJson.read(json))
                .as(problem)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(path));
    }

    @Test
    void aBadDocumentImportsNothing() {
        InMemoryCatalogStore store = new InMemoryCatalogStore();
        TenantId tenant = TenantId.of("t");
        store.importCatalog(tenant, CatalogJson.read(MINIMAL));
        String bad = """
                {"subjects": [{"id": "linen", "name": {"tr": "Çarşaf", "en": "Linen"}}],
                 "staff": [{"id": "ayse", "name": "Ayşe", "departments": ["hk"]}]}""";
        assertThatThrownBy(() -> store.importCatalog(tenant, CatalogJson.read(bad)))
                .isInstanceOf(ValidationException.class);
        Catalog stored = store.catalog(tenant);
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.subject(SubjectId.of("linen"))).isEmpty();
        assertThat(stored.staff(StaffId.of("ayse"))).isEmpty();
    }
}
