package io.memnun.examples.hotel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret under which the privacy access log names guests ({@code PrivacyDesk.Builder.accessLogKey}): 32 random
 * bytes, generated on the app's first start and kept in {@value #FILE_NAME} in its data directory (Base64, one line),
 * so every later start finds the log's earlier entries by a guest's e-mail address or phone number.
 *
 * <p>Here the file sits beside the database for simplicity, so a copy of the folder holds both, and the log's
 * digests can be checked against a guessed address by whoever has that copy. In production keep the key in your
 * secret store (a vault, the platform's secret manager), the same on every node for as long as the log is kept:
 * under a new key the desk no longer finds a guest's earlier entries.
 */
final class AccessLogKeyFile {
    static final String FILE_NAME = "access-log.key";
    private static final int BYTES = 32;

    private AccessLogKeyFile() {}

    /** The key kept in {@code dataDirectory}, written there first if there is none. */
    static byte[] loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(dataDirectory);
            byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            // written whole under another name and then renamed, so a crash never leaves a short key behind; only one
            // app runs on a data directory at a time (H2 locks the database file, which is opened before this)
            Path written = Files.getFileStore(dataDirectory).supportsFileAttributeView("posix")
                    ? Files.createTempFile(dataDirectory, FILE_NAME, ".new", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dataDirectory, FILE_NAME, ".new");
            Files.writeString(written, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the access log key " + file, e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the access log key " + file + " is not Base64", e);
        }
        if (key.length < BYTES) {
            throw new IllegalStateException("the access log key " + file + " has " + key.length + " bytes; it needs " + BYTES);
        }
        return key;
    }
}
