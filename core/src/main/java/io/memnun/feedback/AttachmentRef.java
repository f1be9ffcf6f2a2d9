package io.memnun.feedback;

import io.memnun.internal.Checks;

/**
 * A reference to a file attached to a feedback (a photo, a document). The bytes live in the host's or an
 * attachment store; the feedback keeps only this reference.
 *
 * @param id the storage key of the attachment
 * @param fileName the name to show
 * @param mediaType e.g. {@code image/jpeg}
 * @param sizeBytes size in bytes
 */
public record AttachmentRef(String id, String fileName, String mediaType, long sizeBytes) {
    public AttachmentRef {
        Checks.code(id, "attachment.id", 200);
        Checks.code(fileName, "attachment.fileName", 255);
        Checks.argument(mediaType != null && mediaType.matches("[a-zA-Z0-9!#$&^_.+-]{1,127}/[a-zA-Z0-9!#$&^_.+-]{1,127}"),
                "attachment.mediaType", "'" + mediaType + "' is not a media type");
        Checks.argument(sizeBytes >= 0, "attachment.sizeBytes", "must not be negative");
    }
}
