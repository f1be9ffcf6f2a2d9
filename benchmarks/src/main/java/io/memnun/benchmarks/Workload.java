package io.memnun.benchmarks;

import java.util.List;

/**
 * The complaints the lifecycle benchmark receives: 20 subjects, each routed to one of 8 departments by a plain map
 * the harness applies as the intake's department, staff per department, and a 300-character description.
 */
final class Workload {
    static final List<String> DEPARTMENTS = List.of("front-office", "housekeeping", "technical", "kitchen", "restaurant",
            "spa", "reservations", "security");
    static final List<String> SUBJECTS = List.of("room-cleaning", "towels", "minibar", "air-conditioning", "hot-water",
            "wifi", "noise", "check-in", "check-out", "billing", "breakfast", "room-service", "dinner", "bar",
            "massage", "pool", "booking-change", "overbooking", "lost-item", "parking");
    static final String DESCRIPTION = ("Odadaki klima gece boyunca çalışmadı, resepsiyona iki kez haber verdim ama kimse"
            + " gelmedi. Sabah kahvaltıda da aynı sorunu yaşayan başka misafirlerle konuştum. Çocuklarımız uyuyamadı,"
            + " tatilimizin ilk gecesi berbat geçti. Oda değişikliği ve bir gecelik ücret iadesi bekliyorum. Şimdiden teşekkür ederim, iyi çalışmalar.")
            .substring(0, 300);

    private Workload() {}

    static String subject(int i) {
        return SUBJECTS.get(i % SUBJECTS.size());
    }

    /** The department a subject is routed to: the harness's routing map. */
    static String department(String subject) {
        return DEPARTMENTS.get(Math.floorMod(SUBJECTS.indexOf(subject) * 7 + 3, DEPARTMENTS.size()));
    }

    static String staff(String department, int i) {
        return department + ".staff" + (i % 5);
    }

    static String priority(int i) {
        return i % 10 == 0 ? "URGENT" : "NORMAL";
    }
}
