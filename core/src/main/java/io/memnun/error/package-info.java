/**
 * The exceptions memnun throws. All are unchecked and share one root, {@link io.memnun.error.MemnunException};
 * each subclass carries the context a caller needs to react (the field, the state, the versions).
 */
@NullMarked
package io.memnun.error;

import org.jspecify.annotations.NullMarked;
