package dev.palisade.model.resource;

/** A named port of an endpoint, referenced by name from rules' {@code ports}. */
public record EndpointPort(String name, Protocol protocol, int port) {
}
