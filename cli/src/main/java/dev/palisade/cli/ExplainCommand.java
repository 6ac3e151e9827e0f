package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.model.semantics.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code palisade explain --node N --packet …}: {@code simulate}, asked of the server, on the resources as of
 * the revision the node reports it enforces. Same output as {@code simulate}, under a line saying which
 * revision that was.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a packet's verdict on a node against the live state (online).")
public final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--node", required = true, description = "The node the packet meets.")
    String node;

    @Option(names = "--packet", required = true, paramLabel = "k=v,...",
            description = "src=…,dst=…,proto=…,dstPort=…[,in=…,out=…] as 'simulate --packet' reads it; in and out "
                    + "default to an inbound packet on eth0 for the host (in=eth0,out=local).")
    String packet;

    @Option(names = {"-o", "--output"}, defaultValue = "human", paramLabel = "human|json")
    String output;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String fields = packet + (packet.contains("in=") ? "" : ",in=eth0") + (packet.contains("out=") ? "" : ",out=local");
        ApiClient.Reply reply = server.client().send("GET", "/apis/palisade.dev/v1/explain?node=" + ApiClient.encode(node)
                + "&packet=" + ApiClient.encode(fields), null, null);
        if (!reply.ok()) {
            spec.commandLine().getErr().println("Failed to explain: [" + reply.error() + "]");
            return 1;
        }
        JsonNode answer = reply.json();
        if ("json".equals(output)) {
            out.println(answer);
            return 0;
        }
        out.println("node " + answer.path("node").asText() + ": "
                + (answer.has("enforcedRevision") ? "enforces revision " + answer.path("enforcedRevision").asLong()
                : "no enforced revision reported")
                + (answer.has("simulatedAtRevision") ? "; simulated on the resources at that revision" : "")
                + (answer.has("note") ? "; " + answer.path("note").asText() : ""));
        out.println(VerdictTable.render(new ObjectMapper().treeToValue(answer.path("verdict"), Verdict.class)));
        return 0;
    }
}
