package io.memnun.examples.hotel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the hotel desk keeps its database and key unless told: the user's own folder, readable by them alone. */
class HotelDeskDataDirectoryTest {
    @TempDir
    Path home;

    @Test
    void theDefaultIsInTheUsersHomeNotInTheSharedTemporaryDirectory() {
        Path data = HotelDeskApp.defaultDataDirectory(home);

        assertThat(data).isEqualTo(home.resolve(".memnun").resolve("hotel-desk"));
        assertThat(data.startsWith(Path.of(System.getProperty("java.io.tmpdir")).resolve("memnun-hotel-desk"))).isFalse();
    }

    @Test
    void aDirectoryTheDeskMakesIsItsOwnersOnlyAndOneThereIsLeftAsItIs() throws IOException {
        Path data = HotelDeskApp.ownerOnly(HotelDeskApp.defaultDataDirectory(home));

        assertThat(data).isDirectory();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            Path shared = Files.createDirectory(home.resolve("shared"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            HotelDeskApp.ownerOnly(shared);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxr-xr-x");
        }
    }
}
