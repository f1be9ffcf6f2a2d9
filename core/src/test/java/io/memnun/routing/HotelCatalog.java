package io.memnun.routing;

import io.memnun.feedback.Channel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;

/** A small hotel chain's catalogue that routing tests share. */
public final class HotelCatalog {
    public static final SubjectId HOUSEKEEPING = SubjectId.of("housekeeping");
    public static final SubjectId ROOM_CLEANLINESS = SubjectId.of("room-cleanliness");
    public static final SubjectId LINEN = SubjectId.of("linen");
    public static final SubjectId TECHNICAL = SubjectId.of("technical");
    public static final SubjectId AIR_CONDITIONING = SubjectId.of("air-conditioning");
    public static final SubjectId PLUMBING = SubjectId.of("plumbing");
    public static final SubjectId FOOD = SubjectId.of("food");
    public static final SubjectId ROOM_SERVICE = SubjectId.of("room-service");

    public static final LocationId CHAIN = LocationId.of("bosphorus");
    public static final LocationId BESIKTAS = LocationId.of("istanbul-besiktas");
    public static final LocationId POOL_BAR = LocationId.of("besiktas-pool-bar");
    public static final LocationId SPA = LocationId.of("besiktas-spa");
    public static final LocationId LARA = LocationId.of("antalya-lara");
    public static final LocationId BEACH_BAR = LocationId.of("lara-beach-bar");

    public static final DepartmentId HK = DepartmentId.of("hk");
    public static final DepartmentId TECH = DepartmentId.of("tech");
    public static final DepartmentId FNB = DepartmentId.of("fnb");
    public static final DepartmentId GUEST_RELATIONS = DepartmentId.of("guest-relations");

    public static final StaffId AYSE = StaffId.of("ayse");
    public static final StaffId ZEYNEP = StaffId.of("zeynep");
    public static final StaffId ELIF = StaffId.of("elif");
    public static final StaffId MERT = StaffId.of("mert");
    public static final StaffId CAN = StaffId.of("can");
    public static final StaffId BURAK = StaffId.of("burak");
    public static final StaffId GUL = StaffId.of("gul");

    public static final FeedbackTypeId SERVICE = FeedbackTypeId.of("service-quality");
    public static final FeedbackTypeId PRODUCT = FeedbackTypeId.of("product-quality");

    private HotelCatalog() {}

    public static Catalog catalog() {
        return Catalog.builder()
                .put(FeedbackType.of(SERVICE, LocalizedText.of("Hizmet kalitesi", "Service quality")))
                .put(FeedbackType.of(PRODUCT, LocalizedText.of("Ürün kalitesi", "Product quality")))
                .put(Subject.of(HOUSEKEEPING, LocalizedText.of("Kat Hizmetleri", "Housekeeping")))
                .put(Subject.of(ROOM_CLEANLINESS, HOUSEKEEPING, LocalizedText.of("Oda temizliği", "Room cleanliness")))
                .put(Subject.of(LINEN, HOUSEKEEPING, LocalizedText.of("Çarşaf ve havlu", "Linen")))
                .put(Subject.of(TECHNICAL, LocalizedText.of("Teknik Servis", "Technical")))
                .put(Subject.of(AIR_CONDITIONING, TECHNICAL, LocalizedText.of("Klima", "Air conditioning")))
                .put(Subject.of(PLUMBING, TECHNICAL, LocalizedText.of("Tesisat", "Plumbing")))
                .put(Subject.of(FOOD, LocalizedText.of("Yiyecek ve İçecek", "Food and beverage")))
                .put(Subject.of(ROOM_SERVICE, FOOD, LocalizedText.of("Oda servisi", "Room service")))
                .put(Location.of(CHAIN, LocalizedText.of("Boğaziçi Otelleri", "Bosphorus Hotels"), "head-office"))
                .put(Location.of(BESIKTAS, CHAIN, LocalizedText.of("Beşiktaş", "Besiktas"), "hotel-24-7"))
                .put(Location.of(POOL_BAR, BESIKTAS, LocalizedText.of("Havuz Bar", "Pool Bar"), null))
                .put(Location.of(SPA, BESIKTAS, LocalizedText.of("Spa", "Spa"), "spa-hours"))
                .put(Location.of(LARA, CHAIN, LocalizedText.of("Lara", "Lara"), "hotel-24-7"))
                .put(Location.of(BEACH_BAR, LARA, LocalizedText.of("Plaj Bar", "Beach Bar"), null))
                .put(Department.of(HK, LocalizedText.of("Kat Hizmetleri", "Housekeeping"), AYSE))
                .put(Department.of(TECH, LocalizedText.of("Teknik Servis", "Technical Service"), MERT))
                .put(Department.of(FNB, LocalizedText.of("Yiyecek İçecek", "Food and Beverage")))
                .put(Department.of(GUEST_RELATIONS, LocalizedText.of("Misafir İlişkileri", "Guest Relations"), GUL))
                .put(Staff.builder(AYSE, "Ayşe Yılmaz").department(HK).role("supervisor").build())
                .put(Staff.builder(ZEYNEP, "Zeynep Kaya").department(HK).build())
                .put(Staff.builder(ELIF, "Elif Demir").department(HK).active(false).build())
                .put(Staff.builder(MERT, "Mert Şahin").department(TECH).role("supervisor").build())
                .put(Staff.builder(CAN, "Can Öztürk").department(TECH).maxOpenLoad(2).build())
                .put(Staff.builder(BURAK, "Burak Aydın").department(FNB).build())
                .put(Staff.builder(GUL, "Gül Arslan").department(GUEST_RELATIONS).department(HK).role("manager").build())
                .put(ChannelEntry.of(Channel.WEB_FORM, LocalizedText.of("Web formu", "Web form")))
                .put(ChannelEntry.of(Channel.EMAIL, LocalizedText.of("E-posta", "E-mail")))
                .put(ChannelEntry.of(Channel.PHONE, LocalizedText.of("Telefon", "Phone")))
                .build();
    }
}
