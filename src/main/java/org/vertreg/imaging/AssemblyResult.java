package org.vertreg.imaging;

/** What {@link SliceStackAssembler} makes of a series: a volume, or the reason it cannot be one. */
public sealed interface AssemblyResult {

    /** The slices form a regular stack; {@code volume} holds them in stack order. */
    record Assembled(Volume volume) implements AssemblyResult {}

    /** The slices do not form a regular stack; {@code reason} says why, for people to read. */
    record Unusable(String reason) implements AssemblyResult {}
}
