package dev.palisade.model.semantics;

/** A packet sent through the simulator on someone's behalf: {@code flow} names what it stands for. */
public record Probe(String flow, Packet packet) {
}
