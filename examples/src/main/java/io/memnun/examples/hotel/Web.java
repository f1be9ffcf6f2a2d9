package io.memnun.examples.hotel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.memnun.capa.IllegalCapaTransitionException;
import io.memnun.error.MemnunException;
import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.IllegalTransitionException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The little web plumbing the app needs on top of the JDK's HTTP server: routes by method and path pattern, form
 * and query parsing, a session cookie, and a CSRF token that every POST must carry (the token lives in the
 * session, the form carries it in a hidden field, and a POST without the session's token is refused).
 */
final class Web {
    private static final Logger log = LoggerFactory.getLogger(Web.class);
    private static final String COOKIE = "hotel_session";
    private static final int MAX_FORM = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    private record Route(String method, Pattern path, Handler handler) {}

    /** One visitor: the CSRF token of their forms and the staff member they chose, if any. */
    static final class Session {
        final String id = randomToken();
        final String csrf = randomToken();
        volatile String staffId;
        /**
         * The tracking links of the feedback this visitor sent, by reference: the thanks page shows the link to the
         * one who sent the form and to nobody else (the clear token exists only here and in the acknowledgement).
         */
        final Map<String, String> trackingLinks = new ConcurrentHashMap<>();
        /**
         * The one-time tokens of the erasure confirmations shown to this visitor: "Erase now" spends one, so the result
         * page reloaded or the button pressed twice does not erase and record the erasure again.
         */
        final Set<String> erasureConfirmations = ConcurrentHashMap.newKeySet();
    }

    /** One request; {@code client} is the caller's IP address (the tracking rate limiter's key). */
    record Request(String method, String path, Matcher match, Map<String, String> query, Map<String, String> form, Session session,
            String client) {
        /** A path segment captured by the route's pattern. */
        String segment(int group) {
            return decoded(match.group(group), "path");
        }

        /** A form field, else a query parameter; blank counts as missing. */
        Optional<String> param(String name) {
            String v = form.getOrDefault(name, query.get(name));
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }

        String required(String name) {
            return param(name).orElseThrow(() -> new ValidationException(name, "is required"));
        }

        /** The guest pages' language: {@code ?lang=en} or a form field, Turkish by default. */
        String lang() {
            return param("lang").filter(l -> l.equals("en")).orElse("tr");
        }
    }

    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Response html(String html) {
            return html(200, html);
        }

        static Response html(int status, String html) {
            return new Response(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        /** After a POST: the browser loads the page again with a GET, so reloading it does not repeat the action. */
        static Response redirect(String location) {
            return new Response(303, "text/plain", new byte[0], Map.of("Location", location));
        }
    }

    private final List<Route> routes = new ArrayList<>();
    /** Kept in memory until the app stops: enough for an example; a host has its own session handling. */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    void get(String path, Handler handler) {
        routes.add(new Route("GET", Pattern.compile(path), handler));
    }

    void post(String path, Handler handler) {
        routes.add(new Route("POST", Pattern.compile(path), handler));
    }

    void mount(HttpServer server) {
        server.createContext("/", this::serve);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            Session session = session(exchange);
            try {
                response = dispatch(exchange, session);
            } catch (ValidationException e) {
                // the message names the field already ("months: must be between 1 and 24")
                response = Response.html(400, Layout.error(session, "Please check your input", e.getMessage()));
            } catch (IllegalTransitionException | IllegalCapaTransitionException e) {
                response = Response.html(409, Layout.error(session, "Not possible now", e.getMessage()));
            } catch (NotFoundException e) {
                response = Response.html(404, Layout.error(session, "Not found", e.getMessage()));
            } catch (MemnunException e) {
                response = Response.html(409, Layout.error(session, "Could not do that", e.getMessage()));
            } catch (RuntimeException e) {
                log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = Response.html(500, Layout.error(session, "Something went wrong", "The error was logged."));
            }
            exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session.id + "; Path=/; HttpOnly; SameSite=Lax");
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            // tracking pages carry the access code in their address: never pass it on to another site
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                exchange.getResponseBody().write(response.body());
            }
        }
    }

    private Response dispatch(HttpExchange exchange, Session session) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (route.method().equals(method) && m.matches()) {
                Map<String, String> form = method.equals("POST") ? parse(readForm(exchange.getRequestBody()), "form") : Map.of();
                if (method.equals("POST") && !sameToken(form.get("csrf"), session.csrf)) {
                    return Response.html(403, Layout.error(session, "Form expired", "Please go back, reload the page and send it again."));
                }
                return route.handler().handle(new Request(method, path, m, parse(exchange.getRequestURI().getRawQuery(), "query"), form, session,
                        exchange.getRemoteAddress().getAddress().getHostAddress()));
            }
        }
        return Response.html(404, Layout.error(session, "Not found", "There is no page at " + path));
    }

    private Session session(HttpExchange exchange) {
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies != null) {
            for (String c : cookies.split(";")) {
                String[] kv = c.strip().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE) && sessions.containsKey(kv[1])) {
                    return sessions.get(kv[1]);
                }
            }
        }
        Session s = new Session();
        sessions.put(s.id, s);
        return s;
    }

    private static String readForm(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_FORM + 1);
        if (bytes.length > MAX_FORM) {
            throw new ValidationException("form", "is larger than " + MAX_FORM + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Map<String, String> parse(String encoded, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(decoded(kv[0], field), kv.length == 2 ? decoded(kv[1], field) : "");
        }
        return values;
    }

    /** {@code text} percent-decoded; a malformed escape is bad input, named without quoting what was sent. */
    private static String decoded(String text, String field) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "holds a malformed %-escape");
        }
    }

    /** Compares in constant time, so response times tell nothing about how much of a secret was right. */
    static boolean sameToken(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    static String randomToken() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
