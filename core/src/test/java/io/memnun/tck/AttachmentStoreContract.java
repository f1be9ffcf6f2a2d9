package io.memnun.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.TenantId;
import io.memnun.spi.AttachmentStore;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AttachmentStore} must do; subclass it once per implementation. */
public abstract class AttachmentStoreContract {
    protected AttachmentStore store;
    protected TenantId tenant;

    protected abstract AttachmentStore createStore();

    @BeforeEach
    void setUpStore() {
        store = createStore();
        tenant = Fixtures.newTenant("files");
    }

    @Test
    void storedBytesReadBackExactlyWithTheReferenceDescribingThem() {
        byte[] photo = new byte[200_000];
        new Random(10002).nextBytes(photo);

        AttachmentRef ref = store.store(tenant, "oda-412 klima.jpg", "image/jpeg", photo);

        assertThat(ref.fileName()).isEqualTo("oda-412 klima.jpg");
        assertThat(ref.mediaType()).isEqualTo("image/jpeg");
        assertThat(ref.sizeBytes()).isEqualTo(photo.length);
        assertThat(store.read(tenant, ref.id())).hasValueSatisfying(b -> assertThat(b).isEqualTo(photo));
    }

    @Test
    void eachStoreGetsItsOwnIdAndAnEmptyFileIsAFile() {
        byte[] text = "Fatura".getBytes(StandardCharsets.UTF_8);
        AttachmentRef a = store.store(tenant, "a.txt", "text/plain", text);
        AttachmentRef b = store.store(tenant, "a.txt", "text/plain", text);
        AttachmentRef empty = store.store(tenant, "bos.txt", "text/plain", new byte[0]);

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(store.read(tenant, empty.id())).hasValueSatisfying(bytes -> assertThat(bytes).isEmpty());
    }

    @Test
    void anotherTenantOrAnUnknownIdReadsNothing() {
        AttachmentRef ref = store.store(tenant, "a.pdf", "application/pdf", new byte[] {1, 2, 3});

        assertThat(store.read(Fixtures.newTenant("other"), ref.id())).isEmpty();
        assertThat(store.read(tenant, "att-unknown")).isEmpty();
    }

    @Test
    void changingTheArrayAfterStoringOrReadingChangesNothingStored() {
        byte[] content = {1, 2, 3};
        AttachmentRef ref = store.store(tenant, "a.bin", "application/octet-stream", content);
        content[0] = 9;
        store.read(tenant, ref.id()).orElseThrow()[1] = 9;

        assertThat(store.read(tenant, ref.id())).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
    }

    @Test
    void aBadNameOrMediaTypeIsRefusedAndStoresNothing() {
        assertThatThrownBy(() -> store.store(tenant, "bad\nname.txt", "text/plain", new byte[] {1}))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> store.store(tenant, "a.txt", "not a media type", new byte[] {1}))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aDeletedAttachmentIsGoneAndOthersStay() {
        AttachmentRef gone = store.store(tenant, "kimlik-şükrü.jpg", "image/jpeg", new byte[] {1, 2});
        AttachmentRef kept = store.store(tenant, "b.txt", "text/plain", new byte[] {3});

        assertThat(store.delete(Fixtures.newTenant("other"), gone.id())).isFalse();
        assertThat(store.delete(tenant, gone.id())).isTrue();

        assertThat(store.read(tenant, gone.id())).isEmpty();
        assertThat(store.delete(tenant, gone.id())).isFalse();
        assertThat(store.read(tenant, kept.id())).isPresent();
    }
}
