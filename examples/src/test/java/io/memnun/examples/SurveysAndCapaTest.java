package io.memnun.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurveysAndCapaTest {

    @Test
    void sendsTheCampaignScoresItAndTakesTheCorrectiveActionFromTrendToClosing() {
        String out = Printed.by(() -> SurveysAndCapa.main(new String[0]));

        assertThat(out).contains("not invited g-4: no consent to survey messages");
        assertThat(out).contains("mail to ayse@example.com.tr: Bosphorus Hotels: Altı aylık memnuniyet anketi",
                "mail to john@example.com: Bosphorus Hotels: Half-yearly satisfaction survey");
        // ratings 5, 2, 4: two of three satisfied; NPS answers 10, 6, 9: 2 promoters, 1 detractor of 3
        assertThat(out).contains("Scores of technical-service: CSAT 66.7% (n=3), NPS +33.3 (n=3), response rate 100.0%");
        assertThat(out).containsPattern("Corrective action DOF-2026-000001-\\d opened");
        assertThat(out).containsPattern("mail to ali@hotel.example: Eylem maddesinin süresi yaklaşıyor: DOF-2026-000001-\\d madde 1");
        assertThat(out).containsPattern("mail to ali@hotel.example: Eylem maddesi gecikti: DOF-2026-000001-\\d madde 1");
        assertThat(out).containsPattern("mail to fatma@hotel.example: Action item overdue: DOF-2026-000001-\\d item 1");
        assertThat(out).contains("Verification: Complaints on technical.air-conditioning: 4 received", "(dropped)");
        assertThat(out).containsPattern("Corrective action DOF-2026-000001-\\d: CLOSED");
        assertThat(out.lines().filter(l -> l.matches("^\\d+ .*"))).extracting(l -> l.split("\\s+")[3]).containsExactly("OPENED",
                "ROOT_CAUSE_RECORDED", "ITEM_ADDED", "ITEM_DUE_SOON", "ITEM_OVERDUE", "NOTIFICATION_SENT", "NOTIFICATION_SENT",
                "NOTIFICATION_SENT", "ITEM_DONE", "VERIFIED", "CLOSED");
    }
}
