package io.memnun.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hash chain's bytes against fixed vectors, computed once by the first implementation: stored chains (audit
 * packs, databases sealed earlier) must keep verifying, so any change to how the content is encoded or hashed fails
 * here, not only in a round trip through the same code.
 */
class HistoryChainVectorTest {
    /** ASCII, Turkish letters, an emoji (a surrogate pair) and an unpaired surrogate, which UTF-16 still encodes. */
    private static final String TEXT = "Oda sıcak, klima çalışmıyor 😊 \uD800!";

    private static FeedbackEvent event() {
        return new FeedbackEvent(FeedbackId.of(UUID.fromString("0190f3a2-7b1c-7d4e-8f00-123456789abc")), 7, EventType.RESOLVED,
                Actor.staff("ayşe"), Instant.parse("2026-05-04T10:15:30.123456789Z"), TEXT, Status.IN_PROGRESS, Status.RESOLVED,
                Map.of("sla.RESOLUTION", "met, 3h05m of 27h00m working time used", "ğ-key", "", "a", TEXT));
    }

    private static FeedbackEvent receipt() {
        return new FeedbackEvent(FeedbackId.of(UUID.fromString("0190f3a2-7b1c-7d4e-8f00-123456789abc")), 1, EventType.RECEIVED,
                Actor.SYSTEM, Instant.parse("2026-05-04T10:00:00Z"), null, null, Status.NEW, Map.of());
    }

    @Test
    void hexIsLowerCaseTwoDigitsPerByteAndReadsBack() {
        byte[] every = new byte[256];
        for (int i = 0; i < 256; i++) {
            every[i] = (byte) i;
        }
        assertThat(HistoryChain.hex(every)).isEqualTo(java.util.HexFormat.of().formatHex(every));
        assertThat(HistoryChain.bytes(HistoryChain.hex(every))).isEqualTo(every);
        assertThat(HistoryChain.hex(new byte[0])).isEmpty();
    }

    @Test
    void textDigestIsSha256OverUtf16CodeUnits() {
        assertThat(HistoryChain.textDigest("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(HistoryChain.textDigest(TEXT)).isEqualTo("1302b4511d5c04653659ed77788dcf98a0705193da1aba9743030b1824ab8937");
    }

    @Test
    void canonicalContentAndDigestsMatchTheFixedVectors() {
        FeedbackEvent e = event();
        TextDigests digests = TextDigests.of(e);
        assertThat(sha256Hex(HistoryChain.canonicalContent(e, digests))).isEqualTo("1931e41191b0947d8351f06330195b9fed44bef103e6c84a42b8f2ad366190bb");
        assertThat(HistoryChain.hex(HistoryChain.contentDigest(e, digests))).isEqualTo("1931e41191b0947d8351f06330195b9fed44bef103e6c84a42b8f2ad366190bb");
        FeedbackEvent r = receipt();
        assertThat(HistoryChain.hex(HistoryChain.canonicalContent(r, TextDigests.of(r)))).isEqualTo("0000001e006d0065006d006e0075006e002e006500760065006e0074002e007600310000004800300031003900300066003300610032002d0037006200310063002d0037006400340065002d0038006600300030002d00310032003300340035003600370038003900610062006300000002003100000010005200450043004500490056004500440000000c00530059005300540045004d0000000c006d0065006d006e0075006e000000180031003700370037003800380038003800300030002e0030ffffffff00000006004e00450057ffffffff00000000");
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HistoryChain.hex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sealingChainsTheFixedVectors() {
        SealedEvent first = HistoryChain.seal(receipt(), HistoryChain.genesis());
        SealedEvent second = HistoryChain.seal(event(), HistoryChain.bytes(first.hash()));
        assertThat(first.hash()).isEqualTo("20d2d9f7abdd7ab83c0a9453db42fa7586a56cc6553cd90339c745eb92a63e71");
        assertThat(second.hash()).isEqualTo("01267c31f35578b7d891c1eddf034ccc0529c6e8db2b8dfe91416f29cdb23c6c");
        assertThat(second.digests().details()).containsKeys("a", "sla.RESOLUTION", "ğ-key");
        assertThat(second.digests().details().get("a")).isEqualTo(second.digests().note());
    }
}
