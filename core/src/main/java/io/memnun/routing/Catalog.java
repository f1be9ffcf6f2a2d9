package io.memnun.routing;

import io.memnun.error.NotFoundException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's catalogue at one revision: feedback types, the subject tree, the location tree, departments,
 * staff and channels. Immutable and always consistent: every parent exists, trees have no cycles, staff belong
 * to known departments and department heads are known staff. Changes yield a new catalogue
 * ({@link #with}, {@link #withActive}) that is checked as a whole, so a refused change leaves nothing half done.
 *
 * <p>Entries keep the order in which they were first added; that order is used for export.
 */
public final class Catalog {
    private static final Catalog EMPTY = new Builder().build();

    private final long revision;
    private final Map<FeedbackTypeId, FeedbackType> types;
    private final Map<SubjectId, Subject> subjects;
    private final Map<LocationId, Location> locations;
    private final Map<DepartmentId, Department> departments;
    private final Map<StaffId, Staff> staff;
    private final Map<Channel, ChannelEntry> channels;

    // derived once: routing asks for paths and department staff on every feedback
    private final Map<SubjectId, List<SubjectId>> subjectPaths;
    private final Map<LocationId, List<LocationId>> locationPaths;
    private final Map<DepartmentId, List<Staff>> staffByDepartment;

    private Catalog(Builder b, long revision) {
        this.revision = revision;
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(b.types));
        this.subjects = Collections.unmodifiableMap(new LinkedHashMap<>(b.subjects));
        this.locations = Collections.unmodifiableMap(new LinkedHashMap<>(b.locations));
        this.departments = Collections.unmodifiableMap(new LinkedHashMap<>(b.departments));
        this.staff = Collections.unmodifiableMap(new LinkedHashMap<>(b.staff));
        this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(b.channels));
        this.subjectPaths = paths(subjects, Subject::parent, Subject::ref);
        this.locationPaths = paths(locations, Location::parent, Location::ref);
        checkReferences();
        Map<DepartmentId, List<Staff>> byDepartment = new HashMap<>();
        staff.values().stream()
                .sorted(Comparator.comparing(s -> s.id().value()))
                .forEach(s -> s.departments().forEach(d -> byDepartment.computeIfAbsent(d, k -> new ArrayList<>()).add(s)));
        byDepartment.replaceAll((d, list) -> List.copyOf(list));
        this.staffByDepartment = Map.copyOf(byDepartment);
    }

    private Catalog(Catalog c, long revision) {
        this.revision = revision;
        this.types = c.types;
        this.subjects = c.subjects;
        this.locations = c.locations;
        this.departments = c.departments;
        this.staff = c.staff;
        this.channels = c.channels;
        this.subjectPaths = c.subjectPaths;
        this.locationPaths = c.locationPaths;
        this.staffByDepartment = c.staffByDepartment;
    }

    /** A catalogue with nothing in it, revision 0: what a store returns for a tenant it has never seen. */
    public static Catalog empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every entry of this catalogue. */
    public Builder toBuilder() {
        Builder b = new Builder();
        entries().forEach(b::put);
        return b;
    }

    /** Increases with every stored change; a store refuses a change based on an older revision. */
    public long revision() {
        return revision;
    }

    /** This catalogue at another revision; stores call it when they save. */
    public Catalog withRevision(long revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative: " + revision);
        }
        return revision == this.revision ? this : new Catalog(this, revision);
    }

    /**
     * This catalogue with {@code entries} added or replaced (matched by kind and id), checked as a whole.
     *
     * @throws CatalogValidationException if the result would be inconsistent; nothing changes
     */
    public Catalog with(CatalogEntry... entries) {
        return with(List.of(entries));
    }

    /** Like {@link #with(CatalogEntry...)}. */
    public Catalog with(List<? extends CatalogEntry> entries) {
        Builder b = toBuilder();
        entries.forEach(b::put);
        return new Catalog(b, revision);
    }

    /**
     * This catalogue with one entry activated or deactivated. A deactivated entry stays readable, keeps its place
     * in trees and is still found by {@link #find}; strategies and validation treat it as unavailable.
     *
     * @throws NotFoundException if there is no such entry
     */
    public Catalog withActive(CatalogRef ref, boolean active) {
        CatalogEntry entry = find(ref).orElseThrow(() -> new NotFoundException(ref.toString()));
        return entry.active() == active ? this : with(entry.withActive(active));
    }

    /** Every entry: types, subjects, locations, departments, staff, channels, each kind in insertion order. */
    public List<CatalogEntry> entries() {
        List<CatalogEntry> all = new ArrayList<>(size());
        all.addAll(types.values());
        all.addAll(subjects.values());
        all.addAll(locations.values());
        all.addAll(departments.values());
        all.addAll(staff.values());
        all.addAll(channels.values());
        return all;
    }

    /** How many entries there are, active or not. */
    public int size() {
        return types.size() + subjects.size() + locations.size() + departments.size() + staff.size() + channels.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The entry named by {@code ref}, active or not. */
    public Optional<CatalogEntry> find(CatalogRef ref) {
        Objects.requireNonNull(ref, "ref");
        String id = ref.id();
        CatalogEntry e = switch (ref.kind()) {
            case TYPE -> types.get(FeedbackTypeId.of(id));
            case SUBJECT -> subjects.get(SubjectId.of(id));
            case LOCATION -> locations.get(LocationId.of(id));
            case DEPARTMENT -> departments.get(DepartmentId.of(id));
            case STAFF -> staff.get(StaffId.of(id));
            case CHANNEL -> channelOrNull(id);
        };
        return Optional.ofNullable(e);
    }

    private @Nullable ChannelEntry channelOrNull(String code) {
        try {
            return channels.get(Channel.of(code));
        } catch (io.memnun.error.ValidationException e) {
            return null;
        }
    }

    public List<FeedbackType> types() {
        return List.copyOf(types.values());
    }

    public Optional<FeedbackType> type(FeedbackTypeId id) {
        return Optional.ofNullable(types.get(id));
    }

    public List<Subject> subjects() {
        return List.copyOf(subjects.values());
    }

    public Optional<Subject> subject(SubjectId id) {
        return Optional.ofNullable(subjects.get(id));
    }

    public List<Location> locations() {
        return List.copyOf(locations.values());
    }

    public Optional<Location> location(LocationId id) {
        return Optional.ofNullable(locations.get(id));
    }

    public List<Department> departments() {
        return List.copyOf(departments.values());
    }

    public Optional<Department> department(DepartmentId id) {
        return Optional.ofNullable(departments.get(id));
    }

    public List<Staff> staff() {
        return List.copyOf(staff.values());
    }

    public Optional<Staff> staff(StaffId id) {
        return Optional.ofNullable(staff.get(id));
    }

    public List<ChannelEntry> channels() {
        return List.copyOf(channels.values());
    }

    public Optional<ChannelEntry> channel(Channel channel) {
        return Optional.ofNullable(channels.get(channel));
    }

    /**
     * The subject and its ancestors, nearest first: {@code [room-cleanliness, housekeeping]}. A subject the
     * catalogue does not know is its own one-element path.
     */
    public List<SubjectId> subjectPath(SubjectId id) {
        List<SubjectId> path = subjectPaths.get(Objects.requireNonNull(id, "id"));
        return path != null ? path : List.of(id);
    }

    /** The location and its ancestors, nearest first; an unknown location is its own one-element path. */
    public List<LocationId> locationPath(LocationId id) {
        List<LocationId> path = locationPaths.get(Objects.requireNonNull(id, "id"));
        return path != null ? path : List.of(id);
    }

    /** True when {@code subject} is {@code ancestor} or lies below it. */
    public boolean isUnder(SubjectId subject, SubjectId ancestor) {
        return subjectPath(subject).contains(ancestor);
    }

    /** True when {@code location} is {@code ancestor} or lies below it. */
    public boolean isUnder(LocationId location, LocationId ancestor) {
        return locationPath(location).contains(ancestor);
    }

    /** The subjects directly below {@code parent}. */
    public List<Subject> children(SubjectId parent) {
        return subjects.values().stream().filter(s -> parent.equals(s.parent())).toList();
    }

    /** The locations directly below {@code parent}. */
    public List<Location> children(LocationId parent) {
        return locations.values().stream().filter(l -> parent.equals(l.parent())).toList();
    }

    /**
     * The business calendar of a location: its own, else the nearest ancestor's. Empty when neither the location
     * nor any ancestor names one, or the location is unknown.
     */
    public Optional<String> calendarOf(LocationId id) {
        for (LocationId l : locationPath(id)) {
            Location location = locations.get(l);
            if (location != null && location.calendar() != null) {
                return Optional.of(location.calendar());
            }
        }
        return Optional.empty();
    }

    /** Everyone working for {@code department}, active or not, ordered by id. */
    public List<Staff> staffOf(DepartmentId department) {
        return staffByDepartment.getOrDefault(department, List.of());
    }

    /** The active staff of {@code department} with {@code role} ({@code null}: any role), ordered by id. */
    public List<Staff> activeStaffOf(DepartmentId department, @Nullable String role) {
        List<Staff> all = staffOf(department);
        List<Staff> eligible = new ArrayList<>(all.size());
        for (Staff s : all) {
            if (s.active() && (role == null || s.roles().contains(role))) {
                eligible.add(s);
            }
        }
        return eligible;
    }

    /** True when the department exists and is active. */
    public boolean isActive(DepartmentId id) {
        Department d = departments.get(id);
        return d != null && d.active();
    }

    /** True when the staff member exists and is active. */
    public boolean isActive(StaffId id) {
        Staff s = staff.get(id);
        return s != null && s.active();
    }

    /** True when the entry exists and is active. */
    public boolean isActive(CatalogRef ref) {
        return find(ref).map(CatalogEntry::active).orElse(false);
    }

    private static <I, E extends CatalogEntry> Map<I, List<I>> paths(Map<I, E> entries, Function<E, @Nullable I> parentOf,
            Function<E, CatalogRef> refOf) {
        Map<I, List<I>> paths = new HashMap<>();
        for (Map.Entry<I, E> e : entries.entrySet()) {
            List<I> path = new ArrayList<>();
            Set<I> seen = new LinkedHashSet<>();
            I current = e.getKey();
            while (current != null) {
                if (!seen.add(current)) {
                    throw new CatalogValidationException(refOf.apply(e.getValue()), "parent",
                            "makes a cycle: " + cycle(seen, current));
                }
                path.add(current);
                E entry = entries.get(current);
                if (entry == null) {
                    E child = entries.get(path.get(path.size() - 2));
                    throw new CatalogValidationException(refOf.apply(child), "parent",
                            "unknown " + refOf.apply(child).kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + current + "'");
                }
                current = parentOf.apply(entry);
            }
            paths.put(e.getKey(), List.copyOf(path));
        }
        return Map.copyOf(paths);
    }

    private static <I> String cycle(Set<I> seen, I again) {
        StringBuilder sb = new StringBuilder();
        boolean inCycle = false;
        for (I i : seen) {
            inCycle |= i.equals(again);
            if (inCycle) {
                sb.append(i).append(" > ");
            }
        }
        return sb.append(again).toString();
    }

    private void checkReferences() {
        for (Staff s : staff.values()) {
            for (DepartmentId d : s.departments()) {
                if (!departments.containsKey(d)) {
                    throw new CatalogValidationException(s.ref(), "departments", "unknown department '" + d + "'");
                }
            }
        }
        for (Department d : departments.values()) {
            if (d.head() != null && !staff.containsKey(d.head())) {
                throw new CatalogValidationException(d.ref(), "head", "unknown staff '" + d.head() + "'");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Catalog c && revision == c.revision && types.equals(c.types) && subjects.equals(c.subjects)
                && locations.equals(c.locations) && departments.equals(c.departments) && staff.equals(c.staff)
                && channels.equals(c.channels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(revision, types, subjects, locations, departments, staff, channels);
    }

    @Override
    public String toString() {
        return "Catalog[revision " + revision + ", " + types.size() + " types, " + subjects.size() + " subjects, "
                + locations.size() + " locations, " + departments.size() + " departments, " + staff.size() + " staff, "
                + channels.size() + " channels]";
    }

    /**
     * Collects entries in any order; {@link #build()} checks them together, so a department and its head, or a
     * subject and its parent, may be added in either order.
     */
    public static final class Builder {
        private final Map<FeedbackTypeId, FeedbackType> types = new LinkedHashMap<>();
        private final Map<SubjectId, Subject> subjects = new LinkedHashMap<>();
        private final Map<LocationId, Location> locations = new LinkedHashMap<>();
        private final Map<DepartmentId, Department> departments = new LinkedHashMap<>();
        private final Map<StaffId, Staff> staff = new LinkedHashMap<>();
        private final Map<Channel, ChannelEntry> channels = new LinkedHashMap<>();

        private Builder() {}

        /** Adds the entry, replacing any earlier one of the same kind and id. */
        public Builder put(CatalogEntry entry) {
            Objects.requireNonNull(entry, "entry");
            if (entry instanceof FeedbackType t) {
                types.put(t.id(), t);
            } else if (entry instanceof Subject s) {
                subjects.put(s.id(), s);
            } else if (entry instanceof Location l) {
                locations.put(l.id(), l);
            } else if (entry instanceof Department d) {
                departments.put(d.id(), d);
            } else if (entry instanceof Staff s) {
                staff.put(s.id(), s);
            } else if (entry instanceof ChannelEntry c) {
                channels.put(c.channel(), c);
            }
            return this;
        }

        public Builder putAll(List<? extends CatalogEntry> entries) {
            entries.forEach(this::put);
            return this;
        }

        /**
         * The catalogue, at revision 0.
         *
         * @throws CatalogValidationException if it is inconsistent
         */
        public Catalog build() {
            return new Catalog(this, 0);
        }
    }
}
