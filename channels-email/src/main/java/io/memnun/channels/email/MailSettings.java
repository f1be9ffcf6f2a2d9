package io.memnun.channels.email;

import io.memnun.error.ValidationException;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** What the SMTP channel and the IMAP inbox set alike on their Jakarta Mail sessions and builders. */
final class MailSettings {
    private MailSettings() {}

    /** Refuses a missing, zero or negative duration, naming the setting. */
    static Duration positive(@Nullable Duration d, String field) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ValidationException(field, "must be positive, was " + d);
        }
        return d;
    }

    /**
     * Host, port, time-outs and TLS for {@code protocol} ({@code smtp}, {@code smtps}, {@code imap}, {@code imaps}).
     *
     * @param startTls STARTTLS is required
     * @param tls the connection is protected at all (STARTTLS or TLS from the first byte)
     * @param trustedHosts hosts trusted without checking their certificate, or {@code null}
     */
    static Properties session(String protocol, String host, int port, Duration connectTimeout, Duration readTimeout, boolean startTls,
            boolean tls, @Nullable String trustedHosts) {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(p + "host", host);
        props.put(p + "port", Integer.toString(port));
        props.put(p + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.put(p + "timeout", Long.toString(readTimeout.toMillis()));
        if (startTls) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (tls) {
            // a host trusted without checking (a test server's self-signed certificate) is not checked for its name either
            props.put(p + "ssl.checkserveridentity", Boolean.toString(trustedHosts == null));
            if (trustedHosts != null) {
                props.put(p + "ssl.trust", trustedHosts);
            }
        }
        return props;
    }
}
