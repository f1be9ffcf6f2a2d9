package io.memnun.storage.jdbc.internal;

import io.memnun.feedback.Customer;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.SlaClock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The feedback columns that are costly to turn into values (the SLA clocks, the customer), with the value each was
 * last read from or written as, in slots by feedback id. The desk reads a feedback before every command, and its
 * clocks and customer are mostly what the store wrote or read a moment before: a read whose column text equals a slot's text takes the slot's value instead of parsing the text again.
 *
 * <p>A slot maps a text to the value it stands for, which is the same whatever the transaction, so no slot can be
 * stale: another feedback's text or an older one only misses. Values are remembered as written too, since their
 * formats are lossless (reading a written text gives back an equal value, see {@code SlaClocksJsonTest} and
 * {@code ParsedColumnsTest}), except a customer whose language tag reads back as another locale. Bounded, and owned
 * by its store.
 */
final class ParsedColumns {
    private static final int SLOTS = 1024;

    /** The customer's columns as stored: its JSON and the values kept in columns of their own. */
    record CustomerText(String json, @Nullable String externalId, @Nullable String name, @Nullable String email,
            @Nullable String phone) {}

    private final Memo<String, List<SlaClock>> clocks = new Memo<>();
    private final Memo<CustomerText, Customer> customers = new Memo<>();

    /** The clocks column's text for a feedback's {@code slaClocks}, remembered for the next read of it. */
    @Nullable String writeClocks(FeedbackId id, List<SlaClock> slaClocks) {
        String text = Json.slaClocks(slaClocks);
        if (text != null) {
            clocks.put(id, text, slaClocks);
        }
        return text;
    }

    List<SlaClock> readClocks(FeedbackId id, @Nullable String text) {
        return text == null ? List.of() : clocks.get(id, text, Json::slaClocks);
    }

    /**
     * The customer JSON column's text for {@code customer}, remembered with its other columns when it reads back
     * as an equal customer: every field does but a language whose tag reads back as another locale.
     */
    String writeCustomer(FeedbackId id, Customer customer) {
        String json = Json.customer(customer);
        if (readsBack(customer.language())) {
            customers.put(id, new CustomerText(json, customer.externalId(), customer.name(),
                    customer.email() == null ? null : customer.email().value(), customer.phone() == null ? null : customer.phone().e164()),
                    customer);
        }
        return json;
    }

    /**
     * The last language found to read back as itself: customers mostly share one or two, and parsing the tag again
     * for every write showed in profiles. A race only repeats the check.
     */
    private volatile @Nullable Locale readsBack;

    private boolean readsBack(Locale language) {
        if (language.equals(readsBack)) {
            return true;
        }
        if (Locale.forLanguageTag(language.toLanguageTag()).equals(language)) {
            readsBack = language;
            return true;
        }
        return false;
    }

    Customer readCustomer(FeedbackId id, CustomerText text) {
        return customers.get(id, text, t -> Json.customer(t.json(), t.externalId(), t.name(), t.email(), t.phone()));
    }

    /** Values by key, one per slot of feedback id. */
    private static final class Memo<K, V> {
        private record Entry<K, V>(K key, V value) {}

        private final AtomicReferenceArray<@Nullable Entry<K, V>> slots = new AtomicReferenceArray<>(SLOTS);

        private static int slot(FeedbackId id) {
            return id.value().hashCode() & (SLOTS - 1);
        }

        V get(FeedbackId id, K key, Function<K, V> parse) {
            int slot = slot(id);
            Entry<K, V> e = slots.get(slot);
            if (e != null && e.key().equals(key)) {
                return e.value();
            }
            V value = Objects.requireNonNull(parse.apply(key));
            slots.set(slot, new Entry<>(key, value));
            return value;
        }

        void put(FeedbackId id, K key, V value) {
            slots.set(slot(id), new Entry<>(key, value));
        }
    }
}
