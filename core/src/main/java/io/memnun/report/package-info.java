/**
 * Reports over feedback: the figures a management review looks at ({@link io.memnun.report.ReportFilter what to
 * count}, {@link io.memnun.report.Dimension how to group}, counts, business handling times, SLA compliance, outcome
 * rates, recurrence, backlog), the {@link io.memnun.report.ManagementReview management review} that compares two
 * periods, the ISO 10002 {@link io.memnun.report.AuditPack audit pack}, and their HTML and CSV renderings. The
 * definitions of every figure are in {@code docs/reports.md}. Stores answer the queries through
 * {@code io.memnun.spi.ReportStore}; the facade {@code io.memnun.Reports} puts them together.
 */
@NullMarked
package io.memnun.report;

import org.jspecify.annotations.NullMarked;
