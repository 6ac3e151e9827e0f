package dev.palisade.model.resource;

/** ICMP type and code; a code requires a type. */
public record IcmpFields(Integer type, Integer code) {
}
