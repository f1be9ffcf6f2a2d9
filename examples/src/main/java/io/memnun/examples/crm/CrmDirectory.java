package io.memnun.examples.crm;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Contact;
import io.memnun.routing.CatalogEntry;
import io.memnun.routing.Department;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Staff;
import io.memnun.spi.CatalogStore;
import io.memnun.spi.RecipientDirectory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CRM's user directory seen by memnun: teams are departments (the team lead is the head), users are staff,
 * and the CRM's "can resolve" permission becomes the role {@code resolver}. The same table answers memnun's
 * questions about whom to notify.
 */
final class CrmDirectory implements RecipientDirectory {
    static final String RESOLVER = "resolver";
    private static final Locale TR = Locale.forLanguageTag("tr");

    private record User(String id, String name, String email, String team, boolean canResolve) {}

    private final CrmDatabase crm;

    CrmDirectory(CrmDatabase crm) {
        this.crm = crm;
    }

    /** Copies the CRM's teams and users into memnun's catalogue, so routing rules and strategies can use them. */
    void syncCatalog(CatalogStore catalogs, TenantId tenant) {
        List<CatalogEntry> entries = new ArrayList<>();
        crm.joinOrStart(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id, name, lead_user from crm_team order by id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(Department.of(DepartmentId.of(rs.getString(1)), LocalizedText.of(rs.getString(2), rs.getString(2)), StaffId.of(rs.getString(3))));
                }
            }
            return null;
        });
        for (User u : users("select id, full_name, email, team, can_resolve from crm_user order by id", null)) {
            Staff.Builder staff = Staff.builder(u.id(), u.name()).department(u.team());
            if (u.canResolve()) {
                staff.role(RESOLVER);
            }
            entries.add(staff.build());
        }
        catalogs.put(tenant, entries.toArray(CatalogEntry[]::new));
    }

    /** The CRM's own permission check, made before a user may decide a complaint. */
    boolean canResolve(String userId) {
        return user(userId).map(User::canResolve).orElse(false);
    }

    @Override
    public Optional<Contact> staff(TenantId tenant, StaffId staff) {
        return user(staff.value()).map(u -> Contact.email(u.id(), u.name(), u.email(), TR));
    }

    @Override
    public List<Contact> departmentHeads(TenantId tenant, DepartmentId department) {
        return users("select u.id, u.full_name, u.email, u.team, u.can_resolve from crm_user u join crm_team t on t.lead_user = u.id where t.id = ?",
                department.value()).stream().map(u -> Contact.email(u.id(), u.name(), u.email(), TR)).toList();
    }

    private Optional<User> user(String id) {
        return users("select id, full_name, email, team, can_resolve from crm_user where id = ?", id).stream().findFirst();
    }

    private List<User> users(String sql, String parameter) {
        return crm.joinOrStart(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (parameter != null) {
                    ps.setString(1, parameter);
                }
                List<User> users = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        users.add(new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
                    }
                }
                return users;
            }
        });
    }
}
