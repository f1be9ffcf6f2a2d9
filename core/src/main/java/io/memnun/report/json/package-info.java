/**
 * JSON exports of reports: {@link io.memnun.report.json.ReportJson} writes a management review or an audit pack as
 * one JSON document. Hand-written (no JSON library needed), since the documents are only written, never read.
 */
@NullMarked
package io.memnun.report.json;

import org.jspecify.annotations.NullMarked;
