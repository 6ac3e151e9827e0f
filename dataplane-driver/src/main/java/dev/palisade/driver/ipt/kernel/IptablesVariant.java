package dev.palisade.driver.ipt.kernel;

import dev.palisade.driver.nft.kernel.CommandRunner;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which iptables the node uses: {@code iptables-nft} (rules in nf_tables) or {@code iptables-legacy} (x_tables).
 * Rules written through the wrong one are invisible to the other and to kube-proxy, so it is detected the way
 * Felix does it ({@code DetectBackend} in {@code felix/environment/feature_detect_linux.go}, itself the rule of
 * kubernetes-sigs/iptables-wrappers): kube-proxy's hint chains ({@code KUBE-IPTABLES-HINT},
 * {@code KUBE-KUBELET-CANARY}) in the mangle table of iptables-nft, else of iptables-legacy, name the variant;
 * otherwise whichever holds more rules (save-output lines starting with {@code -}, both families), a tie
 * (a fresh node) going to legacy as in Felix.
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

    /** The variant the node's other tools use, judged from what each already holds in {@code netns} (null = ours). */
    public static IptablesVariant detect(CommandRunner runner, String netns) {
        if (hasKubernetesChains(save(runner, netns, NFT, "mangle"))) {
            return NFT;
        }
        if (hasKubernetesChains(save(runner, netns, LEGACY, "mangle"))) {
            return LEGACY;
        }
        return rules(save(runner, netns, LEGACY, null)) >= rules(save(runner, netns, NFT, null)) ? LEGACY : NFT;
    }

    /** Both families' save output of one table ({@code null} = every table); empty where the tool fails or is missing. */
    private static String save(CommandRunner runner, String netns, IptablesVariant variant, String table) {
        StringBuilder out = new StringBuilder();
        for (int family : new int[] {4, 6}) {
            List<String> command = new ArrayList<>(List.of(variant.command(family, "save")));
            if (table != null) {
                command.addAll(List.of("-t", table));
            }
            try {
                CommandRunner.Result result = runner.run(prefixed(netns, command), null);
                if (result.exitCode() == 0) {
                    out.append(result.stdout());
                }
            } catch (UncheckedIOException e) {
                // the variant is not installed: it holds nothing (Felix ignores the command's error the same way)
            }
        }
        return out.toString();
    }

    private static boolean hasKubernetesChains(String save) {
        return save.contains("KUBE-IPTABLES-HINT") || save.contains("KUBE-KUBELET-CANARY");
    }

    private static long rules(String save) {
        return save.lines().filter(l -> l.startsWith("-")).count();
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
