package io.memnun.feedback;

import io.memnun.internal.Checks;

/** A tenant: a hotel chain, a company, a CRM's customer. Every feedback and every store call belongs to one. Any single-line text of up to 64 characters the host uses as a stable id. */
public record TenantId(String value) {
    public TenantId {
        Checks.code(value, "tenantId", 64);
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
