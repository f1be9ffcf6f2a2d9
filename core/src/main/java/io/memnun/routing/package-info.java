/**
 * Catalogues, routing rules and assignment: the user-defined {@link io.memnun.routing.Catalog} of feedback
 * types, subjects, locations, departments, staff and channels; ordered {@link io.memnun.routing.RoutingRule
 * rules} collected in a versioned {@link io.memnun.routing.RuleSet}; and the {@link io.memnun.routing.Router}
 * that passes each new feedback to the related department and person, saying which rule fired and why.
 */
@NullMarked
package io.memnun.routing;

import org.jspecify.annotations.NullMarked;
