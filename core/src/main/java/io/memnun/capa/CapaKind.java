package io.memnun.capa;

/** Düzeltici (corrective: removes the cause of a problem that happened) or önleyici (preventive: of one that may). */
public enum CapaKind {
    CORRECTIVE,
    PREVENTIVE
}
