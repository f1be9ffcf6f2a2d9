/**
 * The service provider interfaces through which memnun reaches storage and the outside world. A host wires
 * implementations in through {@code FeedbackDesk.builder()}; {@code io.memnun.store.memory} and the
 * {@code memnun-storage-jdbc} module provide them.
 */
@NullMarked
package io.memnun.spi;

import org.jspecify.annotations.NullMarked;
