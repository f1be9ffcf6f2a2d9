/**
 * Implementation details of memnun. <strong>Not API:</strong> anything here may change or disappear in any
 * release; do not use it from host code.
 */
@NullMarked
package io.memnun.internal;

import org.jspecify.annotations.NullMarked;
