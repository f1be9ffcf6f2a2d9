package io.memnun.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The ISO 10002 audit pack for one feedback or a period: each complaint's tracking record and its gaps. Render it
 * with {@link AuditPackHtml}, or as JSON with {@code io.memnun.report.json.ReportJson}.
 *
 * @param title the heading
 * @param generatedAt when it was put together (the gaps are judged at this instant)
 * @param records the tracking records, in order of receipt
 */
public record AuditPack(String title, Instant generatedAt, List<AuditRecord> records) {
    public AuditPack {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generatedAt, "generatedAt");
        records = List.copyOf(records);
    }
}
