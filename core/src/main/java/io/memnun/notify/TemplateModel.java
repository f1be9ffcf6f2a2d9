package io.memnun.notify;

import io.memnun.feedback.EventType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The documented variables a template may use. Every variable is a string, empty when it does not apply, so a
 * template may test it with a section: {@code {{#trackingUrl}}Follow it at {{trackingUrl}}{{/trackingUrl}}}.
 * A template that names anything else is refused when the {@link TemplateCatalog} is built; a rule's template is
 * checked again against its event's variables when {@code Notifications} is built.
 *
 * <p>Times are written in the recipient's time zone and language, as {@code Notifications} formats them.
 */
public final class TemplateModel {
    private static final Map<String, String> COMMON = commonVariables();
    private static final Map<EventType, Map<String, String>> EXTRAS = extras();
    private static final Map<String, String> SURVEY_CAMPAIGN = surveyCampaign();
    private static final Map<String, String> CAPA_ITEM = capaItem();

    /** The template of a periodic campaign's survey invitation. */
    public static final String SURVEY_CAMPAIGN_TEMPLATE = "customer/SURVEY_CAMPAIGN";
    /** The template that reminds an action item's owner before the item is due. */
    public static final String CAPA_ITEM_DUE_SOON_TEMPLATE = "staff/CAPA_ITEM_DUE_SOON";
    /** The template that tells an action item's owner the item is overdue. */
    public static final String CAPA_ITEM_OVERDUE_TEMPLATE = "staff/CAPA_ITEM_OVERDUE";

    private TemplateModel() {}

    private static Map<String, String> commonVariables() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("reference", "the reference number, e.g. FB-2026-000123-7");
        m.put("organisation", "the host's name as configured in Notifications (e.g. the hotel's name)");
        m.put("customerName", "the customer's name; empty if they gave none");
        m.put("recipientName", "the name of the person the message goes to; empty if unknown");
        m.put("kind", "COMPLAINT, REQUEST, SUGGESTION, COMPLIMENT or QUESTION");
        m.put("priority", "the priority, e.g. URGENT");
        m.put("status", "the status after the event, e.g. IN_PROGRESS");
        m.put("channel", "the channel of receipt, e.g. web-form");
        m.put("department", "the responsible department's id; empty if none");
        m.put("assignee", "the assignee's staff id; empty if none");
        m.put("subject", "the subject's id (what it is about); empty if none");
        m.put("location", "the location's id; empty if none");
        m.put("description", "the customer's account; a longer one than 20,000 characters is cut there, ending in \" […]\"");
        m.put("receivedAt", "when the feedback was received");
        m.put("eventAt", "when the event happened");
        m.put("actor", "who caused the event, e.g. staff:ayse.yilmaz");
        m.put("note", "the note, reason or question given with the event; empty if none");
        m.put("trackingUrl", "where the customer can follow the feedback; empty unless Notifications has a tracking URL. In the"
                + " acknowledgement of a desk that tracks, the tracking link with the access code (TrackingSettings.linkBase)");
        return Collections.unmodifiableMap(m);
    }

    private static Map<EventType, Map<String, String>> extras() {
        Map<EventType, Map<String, String>> m = new EnumMap<>(EventType.class);
        String resolution = "the decided or proposed resolution";
        m.put(EventType.RECEIVED, Map.of("trackingToken",
                "the customer's access code for online tracking, issued with the receipt; empty unless the desk tracks"));
        m.put(EventType.PLANNED, Map.of("plannedUntil", "the estimated completion time"));
        m.put(EventType.RESOLVED, Map.of("resolution", resolution));
        m.put(EventType.RESOLUTION_APPROVED, Map.of("resolution", resolution));
        m.put(EventType.RESOLUTION_PROPOSED, Map.of("resolution", resolution));
        m.put(EventType.ACCEPTED, Map.of("resolution", resolution));
        m.put(EventType.CLOSED, Map.of("resolution", resolution, "closureReason", "NO_RESPONSE or UNRESOLVED"));
        m.put(EventType.REDIRECTED, Map.of("fromDepartment", "the department it came from; empty if none",
                "toDepartment", "the department it went to"));
        m.put(EventType.REJECTED, Map.of("rejectionCount", "how often the customer rejected a resolution"));
        m.put(EventType.APPEALED, Map.of("appealCount", "how often the feedback was appealed"));
        Map<String, String> sla = Map.of(
                "sla", "which target: ACKNOWLEDGEMENT, FIRST_RESPONSE, RESOLUTION or PLANNED_COMPLETION",
                "slaDueAt", "when the target is due",
                "slaPercent", "how much of the target's working time is used, in percent");
        m.put(EventType.SLA_WARNING, sla);
        m.put(EventType.SLA_BREACHED, sla);
        Map<String, String> escalated = new LinkedHashMap<>(sla);
        escalated.put("escalationLevel", "the rung of the escalation ladder, 1 and up");
        m.put(EventType.SLA_ESCALATED, Map.copyOf(escalated));
        m.put(EventType.SURVEY_INVITED, Map.of(
                "surveyUrl", "the survey link with its one-time token",
                "surveyTitle", "the survey's title in the recipient's language",
                "surveyExpiresAt", "until when the link can be answered"));
        return m;
    }

    private static Map<String, String> surveyCampaign() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("organisation", COMMON.get("organisation"));
        m.put("recipientName", "the invited customer's name; empty if unknown");
        m.put("campaign", "the campaign's name, e.g. 2026-H1");
        m.put("surveyUrl", "the survey link with its one-time token");
        m.put("surveyTitle", "the survey's title in the recipient's language");
        m.put("surveyExpiresAt", "until when the link can be answered");
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, String> capaItem() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("organisation", COMMON.get("organisation"));
        m.put("recipientName", COMMON.get("recipientName"));
        m.put("capaNumber", "the corrective action's number, e.g. DOF-2026-000012-3");
        m.put("capaTitle", "the corrective action's title");
        m.put("capaKind", "CORRECTIVE or PREVENTIVE");
        m.put("department", "the department responsible for the corrective action");
        m.put("itemNumber", "the action item's number within the action, from 1");
        m.put("itemKind", "TRAINING, MEETING, REARRANGEMENT, PROCESS_CHANGE or OTHER");
        m.put("itemDescription", "what is to be done");
        m.put("itemOwner", "the department the item is given to");
        m.put("itemPerson", "the person the item is given to; empty if none");
        m.put("itemDueAt", "when the item is due");
        return Collections.unmodifiableMap(m);
    }

    /** The variables of {@value #SURVEY_CAMPAIGN_TEMPLATE}: a campaign's invitation belongs to no feedback. */
    public static Map<String, String> forSurveyCampaign() {
        return SURVEY_CAMPAIGN;
    }

    /** The variables of the messages about a corrective action's item ({@value #CAPA_ITEM_OVERDUE_TEMPLATE}, ...). */
    public static Map<String, String> forCapaItem() {
        return CAPA_ITEM;
    }

    /** The variables every template may use, with what each holds. */
    public static Map<String, String> common() {
        return COMMON;
    }

    /** The variables a template for {@code event} may use: the common ones and the event's own. */
    public static Map<String, String> forEvent(EventType event) {
        Map<String, String> m = new LinkedHashMap<>(COMMON);
        m.putAll(EXTRAS.getOrDefault(event, Map.of()));
        return Collections.unmodifiableMap(m);
    }

    /** Every documented variable of any event: what a template in a catalogue may name at all. */
    public static Set<String> allNames() {
        Set<String> all = new TreeSet<>(COMMON.keySet());
        EXTRAS.values().forEach(m -> all.addAll(m.keySet()));
        all.addAll(SURVEY_CAMPAIGN.keySet());
        all.addAll(CAPA_ITEM.keySet());
        return Collections.unmodifiableSet(all);
    }

    /** The event-specific variables only. */
    public static List<String> extrasOf(EventType event) {
        return List.copyOf(new TreeSet<>(EXTRAS.getOrDefault(event, Map.of()).keySet()));
    }
}
