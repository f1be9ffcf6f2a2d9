package io.memnun.spi;

import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.TenantId;
import java.util.Optional;

/**
 * Keeps the bytes of files that arrive with feedback (a photo mailed with a complaint); the feedback keeps only the
 * {@link AttachmentRef} this returns. {@code io.memnun.store.memory.InMemoryAttachmentStore} is the in-memory
 * implementation; a host stores them where it keeps files (a blob column, object storage).
 *
 * <p>Must be thread-safe. Limits on size and type are the caller's: a store keeps what it is given.
 */
public interface AttachmentStore {
    /**
     * Stores {@code content} and returns the reference to keep on the feedback.
     *
     * @throws io.memnun.error.StoreException if it cannot be stored
     */
    AttachmentRef store(TenantId tenant, String fileName, String mediaType, byte[] content);

    /** The bytes of a stored attachment; empty if the tenant has none with this id. */
    Optional<byte[]> read(TenantId tenant, String id);

    /** Deletes an attachment's bytes and name (an anonymisation); false if the tenant has none with this id. */
    boolean delete(TenantId tenant, String id);
}
