package dev.palisade.driver.ipt.kernel;

import dev.palisade.driver.nft.kernel.CommandRunner;

import java.util.ArrayList;
import java.util.List;

/**
 * Which iptables the node uses: {@code iptables-nft} (rules in nf_tables) or {@code iptables-legacy} (x_tables).
 * Rules written through the wrong one are invisible to the other and to kube-proxy, so it is detected the way
 * Felix does it ({@code felix/iptables/feature_detect.go}): whichever of the two holds more rules already is the
 * one the node's other tools use; with a tie (a fresh node) the distribution's default, what plain
 * {@code iptables --version} reports.
 */
public enum IptablesVariant {
    NFT("iptables-nft"), LEGACY("iptables-legacy");

    private final String command;

    IptablesVariant(String command) {
        this.command = command;
    }

    /** The command for {@code family} (4 or 6) and {@code tool} ({@code restore}, {@code save}), e.g. {@code ip6tables-nft-save}. */
    public String command(int family, String tool) {
        String base = family == 6 ? command.replace("iptables", "ip6tables") : command;
        return tool.isEmpty() ? base : base + "-" + tool;
    }

    public static IptablesVariant parse(String text) {
        return switch (text.toLowerCase()) {
            case "nft" -> NFT;
            case "legacy" -> LEGACY;
            default -> throw new IllegalArgumentException("iptables variant: \"" + text + "\" is not nft or legacy");
        };
    }

    /** Counts the rules each variant already holds in {@code netns} (null = ours). */
    public static IptablesVariant detect(CommandRunner runner, String netns) {
        int nft = 0;
        int legacy = 0;
        for (int family : new int[] {4, 6}) {
            nft += rules(runner, netns, NFT.command(family, "save"));
            legacy += rules(runner, netns, LEGACY.command(family, "save"));
        }
        if (nft != legacy) {
            return legacy > nft ? LEGACY : NFT;
        }
        CommandRunner.Result version = runner.run(prefixed(netns, List.of("iptables", "--version")), null);
        return version.stdout().contains("legacy") ? LEGACY : NFT;
    }

    private static int rules(CommandRunner runner, String netns, String command) {
        CommandRunner.Result result = runner.run(prefixed(netns, List.of(command)), null);
        if (result.exitCode() != 0) {
            return 0;
        }
        return (int) result.stdout().lines().filter(l -> l.startsWith("-A ")).count();
    }

    static List<String> prefixed(String netns, List<String> command) {
        List<String> full = new ArrayList<>();
        if (netns != null) {
            full.addAll(List.of("ip", "netns", "exec", netns));
        }
        full.addAll(command);
        return full;
    }
}
