/**
 * Personal data protection (KVKK / GDPR): consent records, legal holds, retention policies, the {@link
 * io.memnun.privacy.Viewer} a host maps its staff onto and the {@link io.memnun.privacy.AccessPolicy} that limits
 * what they see, and the values the {@code io.memnun.PrivacyDesk} answers with. The text-level anonymisation of one
 * feedback is {@link io.memnun.feedback.Anonymisation}.
 */
@NullMarked
package io.memnun.privacy;

import org.jspecify.annotations.NullMarked;
