package io.memnun.store.memory;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Contact;
import io.memnun.spi.RecipientDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link RecipientDirectory} from fixed tables, the same for every tenant: for tests, demos and small hosts.
 *
 * <pre>{@code
 * RecipientDirectory staff = InMemoryRecipientDirectory.builder()
 *         .staff("ayse.yilmaz", Contact.email("ayse.yilmaz", "Ayşe Yılmaz", "ayse@otel.example", Locale.forLanguageTag("tr")))
 *         .departmentHead("housekeeping", Contact.sms("fatma.kaya", "Fatma Kaya", "+905321112233", Locale.forLanguageTag("tr")))
 *         .build();
 * }</pre>
 */
public final class InMemoryRecipientDirectory implements RecipientDirectory {
    private final Map<StaffId, Contact> staff;
    private final Map<DepartmentId, List<Contact>> departments;
    private final Map<DepartmentId, List<Contact>> heads;
    private final Map<String, List<Contact>> roles;
    private final Function<Feedback, List<StaffId>> watchers;

    private InMemoryRecipientDirectory(Builder b) {
        this.staff = Map.copyOf(b.staff);
        this.departments = copy(b.departments);
        this.heads = copy(b.heads);
        this.roles = copy(b.roles);
        this.watchers = b.watchers;
    }

    private static <K> Map<K, List<Contact>> copy(Map<K, List<Contact>> m) {
        Map<K, List<Contact>> c = new HashMap<>();
        m.forEach((k, v) -> c.put(k, List.copyOf(v)));
        return Map.copyOf(c);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<Contact> staff(TenantId tenant, StaffId id) {
        return Optional.ofNullable(staff.get(id));
    }

    @Override
    public List<Contact> department(TenantId tenant, DepartmentId department) {
        return departments.getOrDefault(department, List.of());
    }

    @Override
    public List<Contact> departmentHeads(TenantId tenant, DepartmentId department) {
        return heads.getOrDefault(department, List.of());
    }

    @Override
    public List<Contact> role(TenantId tenant, String role) {
        return roles.getOrDefault(role, List.of());
    }

    @Override
    public List<Contact> watchers(Feedback feedback) {
        List<Contact> found = new ArrayList<>();
        for (StaffId id : watchers.apply(feedback)) {
            Contact c = staff.get(id);
            if (c != null) {
                found.add(c);
            }
        }
        return found;
    }

    public static final class Builder {
        private final Map<StaffId, Contact> staff = new HashMap<>();
        private final Map<DepartmentId, List<Contact>> departments = new HashMap<>();
        private final Map<DepartmentId, List<Contact>> heads = new HashMap<>();
        private final Map<String, List<Contact>> roles = new HashMap<>();
        private Function<Feedback, List<StaffId>> watchers = f -> List.of();

        private Builder() {}

        public Builder staff(String id, Contact contact) {
            staff.put(StaffId.of(id), Objects.requireNonNull(contact, "contact"));
            return this;
        }

        public Builder department(String id, Contact contact) {
            departments.computeIfAbsent(DepartmentId.of(id), k -> new ArrayList<>()).add(Objects.requireNonNull(contact, "contact"));
            return this;
        }

        public Builder departmentHead(String id, Contact contact) {
            heads.computeIfAbsent(DepartmentId.of(id), k -> new ArrayList<>()).add(Objects.requireNonNull(contact, "contact"));
            return this;
        }

        public Builder role(String role, Contact contact) {
            roles.computeIfAbsent(role, k -> new ArrayList<>()).add(Objects.requireNonNull(contact, "contact"));
            return this;
        }

        /** Which staff watch a feedback; their contacts come from {@link #staff}. */
        public Builder watchers(Function<Feedback, List<StaffId>> watchersOf) {
            this.watchers = Objects.requireNonNull(watchersOf, "watchersOf");
            return this;
        }

        public InMemoryRecipientDirectory build() {
            return new InMemoryRecipientDirectory(this);
        }
    }
}
