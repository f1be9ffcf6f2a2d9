/**
 * E-mail notifications over SMTP with Jakarta Mail (Eclipse Angus): {@link io.memnun.channels.email.SmtpEmailChannel}.
 */
@NullMarked
package io.memnun.channels.email;

import org.jspecify.annotations.NullMarked;
