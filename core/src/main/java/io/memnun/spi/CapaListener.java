package io.memnun.spi;

import io.memnun.capa.CapaEvent;
import io.memnun.capa.CorrectiveAction;

/** Told about every stored change of a corrective action, e.g. to notify an item's owner of an ITEM_OVERDUE event. */
@FunctionalInterface
public interface CapaListener {
    void onEvent(CorrectiveAction action, CapaEvent event);
}
