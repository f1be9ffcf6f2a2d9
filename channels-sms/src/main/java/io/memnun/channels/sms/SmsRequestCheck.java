package io.memnun.channels.sms;

import io.memnun.error.ValidationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a post to the SMS webhook ({@link SmsCallback}) came from the gateway. Anybody who finds the
 * webhook's address can post to it, and a reply decides for the customer whose number it names (EVET accepts a
 * resolution), so every callback has a check: the gateway's signature, a secret only the gateway knows, or the host's
 * own word that it checked the request before handing it on.
 */
@FunctionalInterface
public interface SmsRequestCheck {

    /**
     * @param headers the request's headers; names are matched in any case
     * @param formBody the posted body as received
     */
    boolean accepts(Map<String, List<String>> headers, String formBody);

    /**
     * Twilio's {@code X-Twilio-Signature}: the Base64 HMAC-SHA1, keyed with the account's auth token, of the webhook's
     * URL followed by every posted parameter's name and value, sorted by name.
     *
     * @param webhookUrl the URL exactly as configured at Twilio (behind a proxy, the public one), query string included
     */
    static SmsRequestCheck twilio(String authToken, String webhookUrl) {
        byte[] key = secret(authToken, "authToken");
        String url = Objects.requireNonNull(webhookUrl, "webhookUrl");
        return (headers, body) -> {
            String signature = header(headers, "X-Twilio-Signature");
            if (signature == null) {
                return false;
            }
            StringBuilder data = new StringBuilder(url);
            for (String[] pair : sortedPairs(body)) {
                data.append(pair[0]).append(pair[1]);
            }
            String expected = Base64.getEncoder().encodeToString(hmac("HmacSHA1", key, data.toString()));
            return equal(expected, signature.strip());
        };
    }

    /**
     * A gateway that signs the body: the lower-case hex HMAC-SHA256 of the posted body, keyed with {@code secret}, in
     * the header {@code header} (an optional {@code sha256=} in front is ignored).
     */
    static SmsRequestCheck hmacSha256(String header, String secret) {
        String name = Objects.requireNonNull(header, "header");
        byte[] key = secret(secret, "secret");
        return (headers, body) -> {
            String signature = header(headers, name);
            if (signature == null) {
                return false;
            }
            String given = signature.strip().toLowerCase(java.util.Locale.ROOT);
            if (given.startsWith("sha256=")) {
                given = given.substring("sha256=".length());
            }
            return equal(HexFormat.of().formatHex(hmac("HmacSHA256", key, body)), given);
        };
    }

    /** A gateway that sends a fixed secret in the header {@code header} (use it only over HTTPS). */
    static SmsRequestCheck sharedSecret(String header, String secret) {
        String name = Objects.requireNonNull(header, "header");
        String expected = new String(secret(secret, "secret"), StandardCharsets.UTF_8);
        return (headers, body) -> {
            String given = header(headers, name);
            return given != null && equal(expected, given);
        };
    }

    /**
     * Accepts every request: for a host that authenticates the gateway itself before it hands the request to the
     * callback (mutual TLS, an API gateway's signature check, an address only the gateway can reach).
     */
    static SmsRequestCheck verifiedByHost() {
        return (headers, body) -> true;
    }

    private static byte[] secret(String secret, String field) {
        if (secret == null || secret.isEmpty()) {
            throw new ValidationException(field, "is required to check the gateway's requests");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static @Nullable String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && h.getValue() != null && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * The posted parameters, decoded, each name and value once, sorted by name and then value (a name may come more
     * than once; Twilio's libraries sign a value repeated under one name once).
     */
    private static List<String[]> sortedPairs(String body) {
        List<String[]> pairs = new ArrayList<>();
        if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                try {
                    pairs.add(new String[] {URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)});
                } catch (IllegalArgumentException e) {
                    return List.of();
                }
            }
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        List<String[]> distinct = new ArrayList<>();
        for (String[] p : pairs) {
            String[] last = distinct.isEmpty() ? null : distinct.get(distinct.size() - 1);
            if (last == null || !last[0].equals(p[0]) || !last[1].equals(p[1])) {
                distinct.add(p);
            }
        }
        return distinct;
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /** Compared in constant time, so that the answer's timing tells a forger nothing of the expected value. */
    private static boolean equal(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
