package dev.palisade.driver.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code ip -j addr} output into interfaces, in the order the kernel lists them. */
public final class IpAddrParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IpAddrParser() {
    }

    public static List<HostInterface> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ip -j addr output is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("ip -j addr output must be a JSON array");
        }
        List<HostInterface> result = new ArrayList<>();
        for (JsonNode link : root) {
            String name = link.path("ifname").asText("");
            if (name.isEmpty()) {
                continue;
            }
            List<String> addresses = new ArrayList<>();
            for (JsonNode addr : link.path("addr_info")) {
                String local = addr.path("local").asText("");
                if (!local.isEmpty()) {
                    addresses.add(local);
                }
            }
            result.add(new HostInterface(name, addresses));
        }
        return result;
    }
}
