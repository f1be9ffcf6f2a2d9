package io.memnun.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Feedback;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compares two {@link Feedback} states field by field. {@code Feedback.equals} compares only id, tenant and
 * version; a store must preserve everything, so this compares the value of every public accessor, including
 * accessors added after this was written.
 */
public final class FeedbackAssert {
    private static final List<Method> ACCESSORS = Arrays.stream(Feedback.class.getMethods())
            .filter(m -> m.getDeclaringClass() == Feedback.class)
            .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
            .filter(m -> !m.getName().equals("hashCode") && !m.getName().equals("toString"))
            .sorted(Comparator.comparing(Method::getName))
            .toList();

    private FeedbackAssert() {}

    /** The names of the accessors compared. */
    public static List<String> comparedAccessors() {
        return ACCESSORS.stream().map(Method::getName).toList();
    }

    /** Fails with a list of every accessor whose value differs. */
    public static void assertSameState(Feedback actual, Feedback expected) {
        List<String> differences = new ArrayList<>();
        for (Method m : ACCESSORS) {
            Object a = invoke(m, actual);
            Object e = invoke(m, expected);
            if (!Objects.equals(a, e)) {
                differences.add(m.getName() + "(): expected <" + e + "> but was <" + a + ">");
            }
        }
        assertThat(differences).as("fields of %s that differ", expected).isEmpty();
    }

    private static Object invoke(Method m, Feedback f) {
        try {
            return m.invoke(f);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("cannot read " + m.getName() + " of " + f, e);
        }
    }
}
