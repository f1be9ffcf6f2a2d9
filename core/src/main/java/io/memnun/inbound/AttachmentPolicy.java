package io.memnun.inbound;

import io.memnun.error.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which files that arrive with a message are kept: at most {@code maxCount} files of at most {@code maxBytes} each,
 * of the listed media types ({@code image/*} allows every image). A refused file is not fatal: the message is still
 * processed and the refusal recorded with it.
 *
 * @param maxBytes the largest file kept
 * @param maxCount the most files kept from one message
 * @param mediaTypes allowed types, exact ({@code application/pdf}) or a whole family ({@code image/*})
 */
public record AttachmentPolicy(long maxBytes, int maxCount, List<String> mediaTypes) {
    /** Images, PDF and plain text up to 10 MB each, at most 10 a message. */
    public static final AttachmentPolicy DEFAULT = new AttachmentPolicy(10L * 1024 * 1024, 10,
            List.of("image/*", "application/pdf", "text/plain"));
    /** Keeps no file at all. */
    public static final AttachmentPolicy NONE = new AttachmentPolicy(0, 0, List.of());

    public AttachmentPolicy {
        if (maxBytes < 0) {
            throw new ValidationException("maxBytes", "must not be negative, was " + maxBytes);
        }
        if (maxCount < 0) {
            throw new ValidationException("maxCount", "must not be negative, was " + maxCount);
        }
        mediaTypes = Objects.requireNonNull(mediaTypes, "mediaTypes").stream().map(t -> {
            String v = Objects.requireNonNull(t, "mediaType").strip().toLowerCase(Locale.ROOT);
            if (!v.matches("[a-z0-9!#$&^_.+-]+/([a-z0-9!#$&^_.+-]+|\\*)")) {
                throw new ValidationException("mediaTypes", "'" + t + "' is not a media type or family such as image/*");
            }
            return v;
        }).toList();
    }

    /**
     * Why a file is refused, or empty when it may be kept.
     *
     * @param kept how many files of the same message were kept already
     */
    public Optional<String> refusal(String fileName, String mediaType, long sizeBytes, int kept) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        if (kept >= maxCount) {
            return Optional.of(fileName + ": more than " + maxCount + " files");
        }
        if (sizeBytes > maxBytes) {
            return Optional.of(fileName + ": " + sizeBytes + " bytes, the limit is " + maxBytes);
        }
        String family = type.substring(0, Math.max(0, type.indexOf('/'))) + "/*";
        if (!mediaTypes.contains(type) && !mediaTypes.contains(family)) {
            return Optional.of(fileName + ": type " + type + " is not accepted");
        }
        return Optional.empty();
    }
}
