package io.memnun.storage.jdbc.internal;

import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.TenantId;
import io.memnun.spi.AttachmentStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link AttachmentStore} on memnun's tables: one row per file with its bytes in a binary column ({@code bytea} on
 * PostgreSQL, {@code varbinary} on H2). Fine for the photos and documents that come with complaints; a host with
 * large files keeps them in its own file or object store and implements the SPI itself.
 */
public final class SqlAttachmentStore implements AttachmentStore {
    private final Transactions tx;
    private final String insert;
    private final String select;
    private final String delete;

    public SqlAttachmentStore(Transactions tx, Tables tables) {
        this.tx = Objects.requireNonNull(tx, "tx");
        String table = tables.attachment();
        this.insert = "INSERT INTO " + table + " (tenant, id, file_name, media_type, size_bytes, content) VALUES (?, ?, ?, ?, ?, ?)";
        this.select = "SELECT content FROM " + table + " WHERE tenant = ? AND id = ?";
        this.delete = "DELETE FROM " + table + " WHERE tenant = ? AND id = ?";
    }

    @Override
    public AttachmentRef store(TenantId tenant, String fileName, String mediaType, byte[] content) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(content, "content");
        // validate the reference before writing, so a refused name stores nothing
        AttachmentRef ref = new AttachmentRef("att-" + UUID.randomUUID(), fileName, mediaType, content.length);
        byte[] copy = content.clone();
        // named by its id: the file name a guest gave may name them, and this text ends up in logs
        return tx.statement("store attachment " + ref.id() + " of tenant " + tenant, c -> {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, tenant.value());
                ps.setString(2, ref.id());
                ps.setString(3, ref.fileName());
                ps.setString(4, ref.mediaType());
                ps.setLong(5, ref.sizeBytes());
                ps.setBytes(6, copy);
                ps.executeUpdate();
            }
            return ref;
        });
    }

    @Override
    public boolean delete(TenantId tenant, String id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return tx.statement("delete attachment " + id + " of tenant " + tenant, c -> {
            try (PreparedStatement ps = c.prepareStatement(delete)) {
                ps.setString(1, tenant.value());
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<byte[]> read(TenantId tenant, String id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return tx.read("read attachment " + id + " of tenant " + tenant, c -> {
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, tenant.value());
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }
}
