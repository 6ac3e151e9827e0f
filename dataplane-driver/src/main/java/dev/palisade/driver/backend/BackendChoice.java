package dev.palisade.driver.backend;

import dev.palisade.model.dataplane.NodeConfigEntry.NftablesMode;

import java.util.function.BooleanSupplier;

/**
 * Which backend a node runs: the driver's {@code --dataplane} flag when it names one, else the node's
 * FelixConfiguration {@code nftablesMode} (Enabled = nftables, Disabled = iptables, Auto = nftables where the
 * kernel and the nftables tools support it, else iptables).
 *
 * @param override     the flag's backend; null for {@code auto}, which leaves the choice to {@code nftablesMode}
 * @param nftSupported whether nftables works on this node, asked only for Auto and asked once
 */
public record BackendChoice(BackendKind override, BooleanSupplier nftSupported) {

    public BackendChoice {
        nftSupported = once(nftSupported);
    }

    /** {@code auto}, {@code nftables} or {@code iptables}, as the driver's flag spells it. */
    public static BackendChoice of(String flag, BooleanSupplier nftSupported) {
        BackendKind override = switch (flag) {
            case "auto" -> null;
            case "nftables" -> BackendKind.NFTABLES;
            case "iptables" -> BackendKind.IPTABLES;
            default -> throw new IllegalArgumentException("--dataplane: \"" + flag + "\" is not auto, nftables or iptables");
        };
        return new BackendChoice(override, nftSupported);
    }

    public BackendKind choose(NftablesMode mode) {
        if (override != null) {
            return override;
        }
        return switch (mode) {
            case Enabled -> BackendKind.NFTABLES;
            case Disabled -> BackendKind.IPTABLES;
            case Auto -> nftSupported.getAsBoolean() ? BackendKind.NFTABLES : BackendKind.IPTABLES;
        };
    }

    // the kernel's support does not change while the driver runs, and finding out starts a process
    private static BooleanSupplier once(BooleanSupplier probe) {
        Boolean[] answer = new Boolean[1];
        return () -> {
            synchronized (answer) {
                if (answer[0] == null) {
                    answer[0] = probe.getAsBoolean();
                }
                return answer[0];
            }
        };
    }
}
