package io.memnun.feedback;

import io.memnun.internal.Checks;

/** A location, branch, outlet or point of sale (konum, şube, satış yeri) from the catalogue. Any single-line text of up to 64 characters the host uses as a stable id. */
public record LocationId(String value) {
    public LocationId {
        Checks.code(value, "locationId", 64);
    }

    public static LocationId of(String value) {
        return new LocationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
