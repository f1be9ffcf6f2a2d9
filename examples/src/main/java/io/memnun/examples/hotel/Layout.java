package io.memnun.examples.hotel;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The page shell every page shares (head, style sheet, navigation) and the few HTML helpers the pages use. Every
 * piece of text that came from a user or the store goes through {@link #esc}.
 */
final class Layout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(HotelChain.ZONE);

    private static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f4f1ea}
            header{background:#113049;color:#fff;padding:.7rem 1.5rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
            header .brand{font-weight:700;font-size:1.1rem;letter-spacing:.02em}
            header a{color:#d8e6f2;text-decoration:none}header a:hover{color:#fff;text-decoration:underline}
            header .who{margin-left:auto;color:#f6d58e}
            main{max-width:1080px;margin:1.5rem auto;padding:0 1.5rem}
            h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin:1.4rem 0 .6rem}
            .card{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:1rem 1.25rem;margin-bottom:1rem}
            table{width:100%;border-collapse:collapse;background:#fff}
            th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #e4e0d6;vertical-align:top}
            th{background:#ebe6da;font-weight:600;font-size:.85rem;text-transform:uppercase;letter-spacing:.03em}
            label{display:block;font-weight:600;margin:.6rem 0 .2rem}
            input[type=text],input[type=email],input[type=tel],input[type=datetime-local],input[type=date],select,textarea{
              width:100%;padding:.45rem;border:1px solid #b9b3a5;border-radius:5px;font:inherit;background:#fff}
            textarea{min-height:5rem}
            button{background:#1d6fa5;color:#fff;border:0;border-radius:5px;padding:.5rem 1rem;font:inherit;cursor:pointer;margin-top:.6rem}
            button:hover{background:#155a87}button.danger{background:#b3412e}button.quiet{background:#6b7280}
            .row{display:flex;gap:1rem;flex-wrap:wrap}.row>*{flex:1 1 220px}
            .filters{display:flex;gap:.8rem;flex-wrap:wrap;align-items:flex-end}.filters>*{flex:1 1 130px}
            .actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:1rem}
            .actions form{background:#faf8f3;border:1px solid #e4e0d6;border-radius:6px;padding:.7rem}
            .badge{display:inline-block;padding:.1rem .5rem;border-radius:999px;font-size:.8rem;font-weight:600;background:#e5e7eb}
            .ok{background:#d9f2e3;color:#17603a}.warn{background:#fff0c2;color:#7a5200}.breach{background:#fbd5cf;color:#8f2414}
            .status{background:#dbe8f5;color:#174a73}
            .reference{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.05em;white-space:nowrap}
            .big{font-size:1.6rem;font-weight:700}
            .muted{color:#6b7280;font-size:.9rem}
            .error{border-left:5px solid #b3412e}.notice{border-left:5px solid #1d6fa5}
            pre{white-space:pre-wrap;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;margin:.3rem 0}
            a{color:#1d6fa5}
            """;

    private Layout() {}

    /** A staff page: the full navigation, and who is signed in. */
    static String page(Web.Session session, String title, String body) {
        String who = session.staffId == null ? "<a href=\"/staff\">Sign in</a>"
                : esc(StaffPages.nameOf(session.staffId)) + " · <a href=\"/staff\">change</a>";
        String nav = "<a href=\"/\">Guest form</a><a href=\"/track\">Track</a><a href=\"/staff/queue\">Staff desk</a>"
                + "<a href=\"/capa\">DÖF / CAPA</a><a href=\"/reports\">Reports</a><a href=\"/messages\">Messages</a>"
                // only for the staff who handle guests' privacy requests
                + (PrivacyPages.rights(session).isEmpty() ? "" : "<a href=\"/privacy\" id=\"nav-privacy\">Privacy</a>")
                + "<span class=\"who\">" + who + "</span>";
        return shell("en", title, nav, body);
    }

    /**
     * A guest page: no staff links, and a switch between Turkish and English unless {@code otherLanguageLink} is null
     * (a page that speaks the guest's own language only).
     */
    static String guestPage(String lang, String title, String body, String otherLanguageLink) {
        String nav = "<a href=\"/?lang=" + lang + "\">" + (lang.equals("en") ? "Feedback" : "Geri bildirim") + "</a>"
                + "<a href=\"/track?lang=" + lang + "\">" + (lang.equals("en") ? "Track" : "Takip") + "</a>"
                + (otherLanguageLink == null ? ""
                        : "<span class=\"who\"><a href=\"" + esc(otherLanguageLink) + "\">" + (lang.equals("en") ? "Türkçe" : "English") + "</a></span>");
        return shell(lang, title, nav, body);
    }

    static String error(Web.Session session, String title, String message) {
        return page(session, title, "<h1>" + esc(title) + "</h1><div class=\"card error\"><p>" + esc(message)
                + "</p><p><a href=\"javascript:history.back()\">Back</a></p></div>");
    }

    private static String shell(String lang, String title, String nav, String body) {
        return "<!doctype html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + esc(title) + " · " + HotelChain.NAME
                + "</title><style>" + CSS + "</style></head><body><header><span class=\"brand\">" + HotelChain.NAME + "</span>" + nav
                + "</header><main>" + body + "</main></body></html>";
    }

    /** The hidden field every form carries: {@link Web} refuses a POST without it. */
    static String csrf(Web.Session session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + session.csrf + "\">";
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A select box; {@code options} alternate value and label. */
    static String select(String name, String selected, String... options) {
        StringBuilder html = new StringBuilder("<select name=\"" + name + "\" id=\"" + name + "\">");
        for (int i = 0; i < options.length; i += 2) {
            html.append("<option value=\"").append(esc(options[i])).append('"').append(options[i].equals(selected) ? " selected" : "")
                    .append('>').append(esc(options[i + 1])).append("</option>");
        }
        return html.append("</select>").toString();
    }
}
