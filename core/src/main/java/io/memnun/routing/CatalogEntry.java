package io.memnun.routing;

/**
 * One entry of a tenant's {@link Catalog}. Entries are never deleted, only deactivated: feedback recorded
 * against an entry must stay readable, so an inactive entry keeps its id and names but is offered for no new
 * feedback and chosen by no assignment strategy.
 */
public sealed interface CatalogEntry permits FeedbackType, Subject, Location, Department, Staff, ChannelEntry {

    /** The kinds of catalogue entry, each with the plural name used in JSON and in error paths. */
    enum Kind {
        TYPE("types"),
        SUBJECT("subjects"),
        LOCATION("locations"),
        DEPARTMENT("departments"),
        STAFF("staff"),
        CHANNEL("channels");

        private final String plural;

        Kind(String plural) {
            this.plural = plural;
        }

        /** {@code subjects}, {@code staff}, ...: the name of the list holding entries of this kind. */
        public String plural() {
            return plural;
        }
    }

    Kind kind();

    /** The entry's id as text: unique among the entries of its kind within a tenant. */
    String key();

    boolean active();

    /** The same entry, active or not. */
    CatalogEntry withActive(boolean active);

    /** How to name this entry in a lookup or a deactivation. */
    default CatalogRef ref() {
        return new CatalogRef(kind(), key());
    }
}
