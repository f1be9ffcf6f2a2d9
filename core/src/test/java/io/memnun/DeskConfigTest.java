package io.memnun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DeskConfigTest {

    @Test
    void defaults() {
        DeskConfig c = DeskConfig.defaults();
        assertThat(c.referencePrefix()).isEqualTo("FB");
        assertThat(c.referenceZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.maxDescriptionLength()).isEqualTo(10_000);
        assertThat(c.maxAttachments()).isEqualTo(20);
        assertThat(c.closingPeriod()).isEqualTo(Duration.ofDays(365));
        assertThat(c.tenantPrefixes()).isEmpty();
    }

    @Test
    void tenantPrefixesOverrideTheDefaultPrefix() {
        TenantId a = TenantId.of("a");
        DeskConfig c = DeskConfig.builder().referencePrefix("MEM").tenantPrefix(a, "SKY").build();
        assertThat(c.prefixFor(a)).isEqualTo("SKY");
        assertThat(c.prefixFor(TenantId.of("b"))).isEqualTo("MEM");
    }

    @Test
    void badSettingsAreRefusedNamingTheProperty() {
        assertProperty(() -> DeskConfig.builder().referencePrefix("fb").build(), "referencePrefix");
        assertProperty(() -> DeskConfig.builder().referencePrefix("ABCDEF").build(), "referencePrefix");
        assertProperty(() -> DeskConfig.builder().referencePrefix("ÇA").build(), "referencePrefix");
        assertProperty(() -> DeskConfig.builder().tenantPrefix(TenantId.of("otel-b"), "X1").build(), "tenantPrefixes.otel-b");
        assertProperty(() -> DeskConfig.builder().maxDescriptionLength(0).build(), "maxDescriptionLength");
        assertProperty(() -> DeskConfig.builder().maxDescriptionLength(Intake.MAX_TEXT + 1).build(), "maxDescriptionLength");
        assertProperty(() -> DeskConfig.builder().maxAttachments(-1).build(), "maxAttachments");
        assertProperty(() -> DeskConfig.builder().closingPeriod(Duration.ofDays(-1)).build(), "closingPeriod");
        assertThat(DeskConfig.builder().maxDescriptionLength(Intake.MAX_TEXT).maxAttachments(0).closingPeriod(Duration.ZERO)
                .build().maxAttachments()).isZero();
    }

    private static void assertProperty(Runnable r, String property) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(property));
    }
}
