/**
 * Template compilation and rendering on jmustache. <strong>Not API:</strong> anything here may change or
 * disappear in any release; jmustache types never appear in a public signature.
 */
@NullMarked
package io.memnun.notify.internal;

import org.jspecify.annotations.NullMarked;
