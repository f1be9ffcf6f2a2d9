package io.memnun.tracking;

import io.memnun.feedback.EventType;
import io.memnun.feedback.Status;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The customer-facing words for statuses and steps, in Turkish and English (English for any other language).
 * Deliberately few steps: what the customer did or was told, never internal work.
 */
public final class TrackingTexts {
    private static final Map<Status, String> STATUS_TR = new EnumMap<>(Map.of(
            Status.NEW, "Alındı", Status.IN_PROGRESS, "İnceleniyor", Status.PLANNED, "Planlandı",
            Status.AWAITING_CUSTOMER, "Sizden bilgi bekleniyor", Status.UNDER_REVIEW, "İnceleniyor",
            Status.RESOLVED, "Çözüm önerildi, yanıtınız bekleniyor", Status.CLOSED, "Kapandı", Status.CANCELLED, "İptal edildi"));
    private static final Map<Status, String> STATUS_EN = new EnumMap<>(Map.of(
            Status.NEW, "Received", Status.IN_PROGRESS, "Being looked into", Status.PLANNED, "Planned",
            Status.AWAITING_CUSTOMER, "Waiting for information from you", Status.UNDER_REVIEW, "Being looked into",
            Status.RESOLVED, "Resolution proposed, awaiting your answer", Status.CLOSED, "Closed", Status.CANCELLED, "Cancelled"));
    private static final Map<EventType, String> STEP_TR = new EnumMap<>(Map.of(
            EventType.RECEIVED, "Geri bildiriminiz alındı", EventType.ACKNOWLEDGED, "Alındığı size bildirildi",
            EventType.PLANNED, "Çözüm için tarih planlandı", EventType.AWAITING_CUSTOMER, "Sizden bilgi istendi",
            EventType.CUSTOMER_RESPONDED, "Yanıtınız alındı", EventType.RESOLVED, "Çözüm size iletildi",
            EventType.ACCEPTED, "Çözümü kabul ettiniz", EventType.REJECTED, "Çözümü kabul etmediniz",
            EventType.CLOSED, "Kapatıldı", EventType.APPEALED, "Yeniden açıldı"));
    private static final Map<EventType, String> STEP_EN = new EnumMap<>(Map.of(
            EventType.RECEIVED, "Your feedback was received", EventType.ACKNOWLEDGED, "You were told we received it",
            EventType.PLANNED, "A date was planned for the solution", EventType.AWAITING_CUSTOMER, "We asked you for information",
            EventType.CUSTOMER_RESPONDED, "Your answer was received", EventType.RESOLVED, "The resolution was sent to you",
            EventType.ACCEPTED, "You accepted the resolution", EventType.REJECTED, "You did not accept the resolution",
            EventType.CLOSED, "Closed", EventType.APPEALED, "Reopened"));

    private TrackingTexts() {}

    /** The language the texts are in for a customer who speaks {@code language}: Turkish or English. */
    public static Locale languageFor(Locale language) {
        return "tr".equals(language.getLanguage()) ? Locale.forLanguageTag("tr") : Locale.ENGLISH;
    }

    public static String status(Status status, Locale language) {
        return ("tr".equals(language.getLanguage()) ? STATUS_TR : STATUS_EN).get(status);
    }

    /** The step's text, or empty for an event the customer is not shown. */
    public static Optional<String> step(EventType type, Locale language) {
        return Optional.ofNullable(("tr".equals(language.getLanguage()) ? STEP_TR : STEP_EN).get(type));
    }
}
