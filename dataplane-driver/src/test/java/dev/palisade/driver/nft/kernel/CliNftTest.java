package dev.palisade.driver.nft.kernel;

import dev.palisade.driver.nft.diff.KernelTable;
import dev.palisade.driver.nft.diff.NftObject;
import dev.palisade.driver.nft.diff.NftTransaction;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliNftTest {

    private record Call(List<String> command, String stdin) {
    }

    private final List<Call> calls = new ArrayList<>();
    private CommandRunner.Result answer = new CommandRunner.Result(0, "", "");

    private final CommandRunner runner = (command, stdin) -> {
        calls.add(new Call(command, stdin));
        return answer;
    };

    @Test
    void runPipesTheScriptToNftInsideTheNamespace() throws NftException {
        NftTransaction tx = new NftTransaction().add(new NftObject.Table()).add(NftObject.Chain.regular("pi-x"));
        new CliNft(runner, "node1").run(tx);

        assertThat(calls).containsExactly(new Call(List.of("ip", "netns", "exec", "node1", "nft", "-f", "-"),
                "add table inet palisade\nadd chain inet palisade pi-x\n"));
    }

    @Test
    void checkIsADryRunInTheHostNamespace() throws NftException {
        new CliNft(runner, null).check(new NftTransaction().add(new NftObject.Table()));
        assertThat(calls.getFirst().command()).containsExactly("nft", "-c", "-f", "-");
    }

    @Test
    void refusalCarriesNftsMessage() {
        answer = new CommandRunner.Result(1, "", "Error: Could not process rule: No such file or directory\n");
        assertThatThrownBy(() -> new CliNft(runner, null).run(new NftTransaction().add(new NftObject.Table())))
                .isInstanceOf(NftException.class).hasMessageContaining("exit 1").hasMessageContaining("No such file");
    }

    @Test
    void invalidTransactionNeverReachesNft() {
        NftTransaction tx = new NftTransaction().add(new NftObject.Rule("pi x", "accept", "h"));
        assertThat(tx.error()).hasValueSatisfying(e -> assertThat(e).contains("operation 1").contains("pi x"));
        assertThatThrownBy(() -> new CliNft(runner, null).run(tx)).hasMessageContaining("invalid transaction");
        assertThat(calls).isEmpty();
    }

    @Test
    void missingTableListsAsEmptyAndTheJsonIsRead() throws NftException {
        answer = new CommandRunner.Result(1, "", "Error: No such file or directory\nlist table inet palisade\n");
        assertThat(new CliNft(runner, null).listTable()).isEmpty();

        answer = new CommandRunner.Result(0, """
                {"nftables": [{"metainfo": {"version": "1.0.6"}}, {"table": {"family": "inet", "name": "palisade"}},
                 {"set": {"family": "inet", "name": "s4-a", "table": "palisade", "type": "ipv4_addr", "flags": ["interval"],
                   "elem": [{"prefix": {"addr": "198.18.0.0", "len": 24}}, "198.18.1.5"]}},
                 {"chain": {"family": "inet", "table": "palisade", "name": "pi-x"}},
                 {"rule": {"family": "inet", "table": "palisade", "chain": "pi-x", "comment": "abc", "expr": []}},
                 {"rule": {"family": "inet", "table": "palisade", "chain": "pi-x", "expr": []}}]}
                """, "");
        KernelTable table = new CliNft(runner, null).listTable().orElseThrow();
        assertThat(table.chains()).containsEntry("pi-x", List.of("abc", ""));
        assertThat(table.sets().get("s4-a")).isEqualTo(new KernelTable.KernelSet("s4-a", "ipv4_addr", true,
                Set.of("198.18.0.0/24", "198.18.1.5")));
        assertThat(calls.getLast().command()).containsExactly("nft", "-j", "list", "table", "inet", "palisade");
    }
}
