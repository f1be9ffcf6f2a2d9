package io.memnun;

import io.memnun.feedback.Actor;
import io.memnun.feedback.Command;
import io.memnun.feedback.Cursor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKey;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Page;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.AccessDeniedException;
import io.memnun.privacy.AccessPolicy;
import io.memnun.privacy.Viewer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link FeedbackDesk} as one member of staff may use it: {@link FeedbackDesk#scopedTo(Viewer)}. Reads of a
 * feedback the viewer may not see, and commands on one they may not change, throw {@link AccessDeniedException}
 * (and change nothing); queries and counts simply leave such feedback out. A host builds one per request from its
 * logged-in user and uses it for everything staff do on screen.
 *
 * <p>Staff commands must be issued in the viewer's own name ({@code Actor.staff(viewer.staff())}): one person cannot
 * act as another through it.
 */
public final class ScopedDesk {
    private final FeedbackDesk desk;
    private final Viewer viewer;
    private final AccessPolicy policy;

    ScopedDesk(FeedbackDesk desk, Viewer viewer, AccessPolicy policy) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.viewer = Objects.requireNonNull(viewer, "viewer");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public Viewer viewer() {
        return viewer;
    }

    /**
     * The feedback, if the tenant has it.
     *
     * @throws AccessDeniedException if it exists but the viewer may not see it
     */
    public Optional<Feedback> find(TenantId tenant, FeedbackKey key) {
        Optional<Feedback> f = desk.find(tenant, key);
        f.ifPresent(this::checkView);
        return f;
    }

    /** The feedback; {@link io.memnun.error.NotFoundException} if there is none, {@link AccessDeniedException} if not the viewer's. */
    public Feedback get(TenantId tenant, FeedbackKey key) {
        return checkView(desk.get(tenant, key));
    }

    /** The feedback's history, if the viewer may see the feedback. */
    public List<FeedbackEvent> history(TenantId tenant, FeedbackKey key) {
        Feedback f = get(tenant, key);
        return desk.history(tenant, f.id());
    }

    /**
     * One page of the feedback matching {@code query} that the viewer may see, at most {@code query.limit()}; pass
     * {@link Page#next()} back for the next. A page may be shorter than the limit while more follow.
     */
    public Page<Feedback> query(FeedbackQuery query) {
        Objects.requireNonNull(query, "query");
        List<Feedback> visible = new ArrayList<>();
        FeedbackQuery q = query;
        while (true) {
            Page<Feedback> page = desk.query(q);
            for (int i = 0; i < page.items().size(); i++) {
                Feedback f = page.items().get(i);
                if (policy.canView(viewer, f)) {
                    visible.add(f);
                    if (visible.size() == query.limit()) {
                        boolean more = i < page.items().size() - 1 || page.next().isPresent();
                        return new Page<>(visible, more ? Cursor.of(f) : null);
                    }
                }
            }
            if (page.next().isEmpty()) {
                return new Page<>(visible, null);
            }
            q = q.after(page.next().get());
        }
    }

    /**
     * How many feedback match {@code query} (its cursor and limit aside) that the viewer may see. Under
     * {@link AccessPolicy#byDepartment()} the store counts (one SQL {@code COUNT} per department of the viewer);
     * another policy is asked feedback by feedback.
     */
    public long count(FeedbackQuery query) {
        Objects.requireNonNull(query, "query");
        if (policy == AccessPolicy.byDepartment()) {
            if (viewer.has(Viewer.Role.ALL_DEPARTMENTS) || viewer.has(Viewer.Role.PRIVACY_OFFICER)) {
                return desk.count(query);
            }
            if (query.department() != null) {
                return viewer.departments().contains(query.department()) ? desk.count(query) : 0;
            }
            long n = 0;
            for (DepartmentId d : viewer.departments()) {
                n += desk.count(query.withDepartment(d));
            }
            return n;
        }
        long n = 0;
        FeedbackQuery q = query.after(null);
        while (true) {
            Page<Feedback> page = desk.query(q);
            n += page.items().stream().filter(f -> policy.canView(viewer, f)).count();
            if (page.next().isEmpty()) {
                return n;
            }
            q = q.after(page.next().get());
        }
    }

    /**
     * Applies a staff command, if the viewer may change the feedback and the command is in their name.
     *
     * @throws AccessDeniedException if not; nothing is written
     */
    public Feedback execute(TenantId tenant, FeedbackKey key, Command command) {
        return desk.execute(tenant, checkChange(tenant, desk.get(tenant, key), command).id(), command, this::checkChangeable,
                this::checkOriginal);
    }

    /** {@link FeedbackDesk#execute(TenantId, FeedbackKey, long, Command)} for the viewer; see {@link #execute(TenantId, FeedbackKey, Command)}. */
    public Feedback execute(TenantId tenant, FeedbackKey key, long expectedVersion, Command command) {
        return desk.execute(tenant, checkChange(tenant, desk.get(tenant, key), command).id(), expectedVersion, command,
                this::checkChangeable, this::checkOriginal);
    }

    /** Adds a note in the viewer's name. */
    public Feedback addNote(TenantId tenant, FeedbackKey key, String note) {
        return execute(tenant, key, new Command.AddNote(Actor.staff(viewer.staff()), note));
    }

    /** Takes the feedback into processing in the viewer's name. */
    public Feedback take(TenantId tenant, FeedbackKey key) {
        return execute(tenant, key, new Command.Take(Actor.staff(viewer.staff()), null));
    }

    private Feedback checkView(Feedback f) {
        if (!policy.canView(viewer, f)) {
            throw new AccessDeniedException(viewer.staff(), "view", "feedback " + f.reference());
        }
        return f;
    }

    /**
     * Merges {@code duplicate} into {@code original} in the viewer's name: both must be the viewer's, so a merge never
     * links to, or confirms anything about, another department's feedback.
     */
    public Feedback merge(TenantId tenant, FeedbackKey duplicate, FeedbackKey original, @Nullable String note) {
        Feedback o = get(tenant, original);
        Feedback d = desk.get(tenant, duplicate);
        Command.Merge merge = new Command.Merge(Actor.staff(viewer.staff()), o.id(), note);
        checkChange(tenant, d, merge);
        // the original is checked again on the state the merge is written against, as the duplicate is
        return desk.execute(tenant, d.id(), merge, this::checkChangeable, this::checkOriginal);
    }

    private void checkOriginal(Feedback original) {
        checkView(original);
    }

    /** Checked again by the desk on the state it writes over: the feedback may have been redirected since the first check. */
    private void checkChangeable(Feedback f) {
        if (!policy.canChange(viewer, f)) {
            throw new AccessDeniedException(viewer.staff(), "change", "feedback " + f.reference());
        }
    }

    private Feedback checkChange(TenantId tenant, Feedback f, Command command) {
        Actor self = Actor.staff(viewer.staff());
        if (!command.actor().equals(self)) {
            throw new AccessDeniedException(viewer.staff(), "act as " + command.actor() + " on", "feedback " + f.reference());
        }
        checkChangeable(f);
        if (command instanceof Command.Merge m) {
            // the original must exist and be one the viewer may see
            get(tenant, m.original());
        }
        return f;
    }
}
