package dev.palisade.driver.nft.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.model.net.Cidr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One spelling for set elements, so that what the driver wrote can be compared with what {@code nft -j} lists:
 * concatenations as {@code a . b . c}, addresses and prefixes in {@code model}'s canonical text (a host prefix
 * as the bare address), protocols by number (nft lists {@code tcp} where the driver may write {@code 6}).
 */
public final class SetElements {

    private static final Map<String, String> PROTOCOLS = Map.of("icmp", "1", "tcp", "6", "udp", "17", "dccp", "33",
            "gre", "47", "esp", "50", "ah", "51", "ipv6-icmp", "58", "icmpv6", "58", "sctp", "132");

    private SetElements() {
    }

    /** An element as the driver renders it. */
    public static String canonical(String element) {
        List<String> parts = new ArrayList<>();
        for (String part : element.split(" \\. ")) {
            parts.add(part(part.strip()));
        }
        return String.join(" . ", parts);
    }

    /** An element of {@code nft -j}'s {@code elem} array. */
    public static String fromJson(JsonNode elem) {
        if (elem.isTextual()) {
            return part(elem.asText());
        }
        if (elem.isNumber()) {
            return elem.asText();
        }
        if (elem.has("prefix")) {
            JsonNode p = elem.get("prefix");
            return part(p.path("addr").asText() + "/" + p.path("len").asText());
        }
        if (elem.has("concat")) {
            List<String> parts = new ArrayList<>();
            elem.get("concat").forEach(c -> parts.add(fromJson(c)));
            return String.join(" . ", parts);
        }
        if (elem.has("range")) {
            return fromJson(elem.get("range").path(0)) + "-" + fromJson(elem.get("range").path(1));
        }
        if (elem.has("elem")) {
            return fromJson(elem.get("elem").path("val")); // an element listed with options (counter, timeout…)
        }
        return elem.toString();
    }

    private static String part(String text) {
        String protocol = PROTOCOLS.get(text);
        if (protocol != null) {
            return protocol;
        }
        return Cidr.parse(text).map(Cidr::masked)
                .map(c -> c.prefix() == c.family().bits() ? c.address().toString() : c.toString())
                .orElse(text);
    }
}
