/** Implementation details of the SMS channels. <strong>Not API:</strong> may change in any release. */
@NullMarked
package io.memnun.channels.sms.internal;

import org.jspecify.annotations.NullMarked;
