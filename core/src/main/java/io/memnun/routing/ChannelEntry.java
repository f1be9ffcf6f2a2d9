package io.memnun.routing;

import io.memnun.feedback.Channel;
import java.util.Objects;

/** A channel of receipt the tenant offers, with its display name ("Web formu / Web form"). */
public record ChannelEntry(Channel channel, LocalizedText name, boolean active) implements CatalogEntry {
    public ChannelEntry {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(name, "name");
    }

    /** An active channel. */
    public static ChannelEntry of(Channel channel, LocalizedText name) {
        return new ChannelEntry(channel, name, true);
    }

    @Override
    public Kind kind() {
        return Kind.CHANNEL;
    }

    @Override
    public String key() {
        return channel.code();
    }

    @Override
    public ChannelEntry withActive(boolean active) {
        return new ChannelEntry(channel, name, active);
    }
}
