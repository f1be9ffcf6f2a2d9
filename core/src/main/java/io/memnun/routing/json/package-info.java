/**
 * JSON import and export of catalogues and rule sets, on Jackson. This is the only package that needs
 * {@code com.fasterxml.jackson.core:jackson-databind}, an optional dependency of memnun-core: a host that uses it
 * adds jackson-databind to its own dependencies. The domain types know nothing of JSON.
 */
@NullMarked
package io.memnun.routing.json;

import org.jspecify.annotations.NullMarked;
