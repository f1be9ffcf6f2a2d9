/** JSON for privacy: the access request's export. */
@NullMarked
package io.memnun.privacy.json;

import org.jspecify.annotations.NullMarked;
