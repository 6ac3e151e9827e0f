package dev.palisade.driver.ipt.kernel;

import dev.palisade.driver.nft.kernel.CommandRunner;

import java.util.ArrayList;
import java.util.List;

/**
 * The iptables backend's kernel tools: {@code iptables-restore --noflush} (each table in the input committed
 * atomically, nothing but the named chains touched), {@code iptables-save}, {@code ipset restore}/{@code save};
 * all of the node's {@link IptablesVariant}, under {@code ip netns exec} when a namespace is given.
 */
public final class CliIptables {

    private final CommandRunner runner;
    private final String netns;
    private final IptablesVariant variant;

    public CliIptables(CommandRunner runner, String netns, IptablesVariant variant) {
        this.runner = runner;
        this.netns = netns;
        this.variant = variant;
    }

    public IptablesVariant variant() {
        return variant;
    }

    /** Parses and checks {@code script} without committing anything. */
    public void test(int family, String script) throws IptablesException {
        restore(family, script, true);
    }

    public void restore(int family, String script) throws IptablesException {
        restore(family, script, false);
    }

    private void restore(int family, String script, boolean test) throws IptablesException {
        List<String> command = new ArrayList<>(List.of(variant.command(family, "restore"), "--noflush", "--wait"));
        if (test) {
            command.add("--test");
        }
        run(command, script, variant.command(family, "restore"));
    }

    /** Every table of one family, as {@code iptables-save} prints it. */
    public String save(int family) throws IptablesException {
        return run(List.of(variant.command(family, "save")), null, variant.command(family, "save"));
    }

    public void ipsetRestore(String script) throws IptablesException {
        run(List.of("ipset", "restore"), script, "ipset restore");
    }

    public String ipsetSave() throws IptablesException {
        return run(List.of("ipset", "save"), null, "ipset save");
    }

    private String run(List<String> command, String stdin, String what) throws IptablesException {
        CommandRunner.Result result = runner.run(IptablesVariant.prefixed(netns, command), stdin);
        if (result.exitCode() != 0) {
            throw new IptablesException(what + " refused (exit " + result.exitCode() + "): " + result.stderr().strip());
        }
        return result.stdout();
    }
}
