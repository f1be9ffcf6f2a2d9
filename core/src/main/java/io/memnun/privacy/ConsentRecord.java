package io.memnun.privacy;

import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One consent a person gave: for what, when, how, with what evidence, and when it was withdrawn. Records are
 * never overwritten by a new consent; a withdrawal sets {@link #withdrawnAt()} on the record it ends, so the store
 * keeps what the person had agreed to at any time.
 *
 * @param id the record's id
 * @param tenant the tenant
 * @param person whom it is about
 * @param purpose what the consent is for, a code such as {@code surveys}, {@code commercial},
 *     {@code third-party-sharing}
 * @param givenAt when it was given
 * @param channel how it was given, e.g. {@code web-form}, {@code front-desk}, {@code sms-reply}
 * @param evidence what proves it: the wording shown and its version, a form id, a signed paper's number
 * @param withdrawnAt when it was withdrawn, if it was
 */
public record ConsentRecord(
        UUID id,
        TenantId tenant,
        PersonKey person,
        String purpose,
        Instant givenAt,
        String channel,
        @Nullable String evidence,
        @Nullable Instant withdrawnAt) {

    public ConsentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(person, "person");
        purpose = Checks.code(purpose, "purpose", 64);
        Objects.requireNonNull(givenAt, "givenAt");
        channel = Checks.code(channel, "channel", 64);
        evidence = Checks.optionalText(evidence, "evidence", 2000);
        Checks.argument(withdrawnAt == null || !withdrawnAt.isBefore(givenAt), "withdrawnAt",
                "must not be before givenAt " + givenAt + ", was " + withdrawnAt);
    }

    /** True while the consent holds at {@code at}: given at or before it and not withdrawn by then. */
    public boolean isActiveAt(Instant at) {
        return !givenAt.isAfter(at) && (withdrawnAt == null || withdrawnAt.isAfter(at));
    }

    public Optional<Instant> withdrawn() {
        return Optional.ofNullable(withdrawnAt);
    }

    /** This record, withdrawn at {@code at}. */
    public ConsentRecord withdrawAt(Instant at) {
        return new ConsentRecord(id, tenant, person, purpose, givenAt, channel, evidence, at);
    }
}
