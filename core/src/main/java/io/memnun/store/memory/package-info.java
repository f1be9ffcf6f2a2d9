/**
 * In-memory implementations of the store SPI: for tests, demos and hosts that keep feedback elsewhere. Data
 * lives as long as the instance.
 */
@NullMarked
package io.memnun.store.memory;

import org.jspecify.annotations.NullMarked;
