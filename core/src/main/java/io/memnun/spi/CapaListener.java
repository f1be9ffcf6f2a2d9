package io.memnun.spi;

import io.memnun.capa.CapaEvent;
import io.memnun.capa.CorrectiveAction;

/**
 * Told about every stored change of a corrective action, e.g. to notify an item's owner of an ITEM_OVERDUE event. An
 * exception thrown here is logged and does not undo the change, except a
 * {@link io.memnun.error.TransactionConflictException} met in the host's transaction, which the command (or the tick)
 * throws: the database aborted that transaction, the change included.
 */
@FunctionalInterface
public interface CapaListener {
    void onEvent(CorrectiveAction action, CapaEvent event);
}
