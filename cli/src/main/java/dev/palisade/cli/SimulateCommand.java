package dev.palisade.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.model.FieldError;
import dev.palisade.model.semantics.InvalidPacketException;
import dev.palisade.model.semantics.Packet;
import dev.palisade.model.semantics.PacketFields;
import dev.palisade.model.semantics.Simulator;
import dev.palisade.model.semantics.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code palisade simulate -f RESOURCES}: what Calico would do with a packet, and why. Packets come as JSON
 * lines on stdin (one verdict line out per line in, in order; a bad line gets an error line and the stream
 * goes on) or as one {@code --packet k=v,...}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Explain what host endpoint policy does to packets: verdict, deciding rule and every stage.",
        footer = {"", "Packet fields: node, in, out (interface or 'local'), src, dst, proto, srcPort, dstPort,",
                "icmpType, icmpCode, ct (new|established|invalid), dnatTo (ip:port after DNAT)."})
public final class SimulateCommand implements Callable<Integer> {

    /** How verdicts are printed. */
    enum Output { human, json }

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "Resources: a manifest file, a directory of *.yaml/*.yml/*.json files, or - for stdin.")
    String file;

    @Option(names = {"-R", "--recursive"}, description = "With a directory, also read its subdirectories.")
    boolean recursive;

    @Option(names = "--packet", paramLabel = "k=v,...",
            description = "One packet, e.g. node=n1,in=eth0,out=local,src=198.18.0.9,dst=198.18.0.1,proto=TCP,dstPort=22")
    String packet;

    @Option(names = {"-o", "--output"}, paramLabel = "human|json",
            description = "human (default when stdout is a terminal) or json (one line per packet).")
    Output output;

    @Spec
    CommandSpec spec;

    private final InputStream stdin;
    private final boolean terminal;
    private final ObjectMapper json = new ObjectMapper();

    public SimulateCommand() {
        this(System.in, System.console() != null);
    }

    SimulateCommand(InputStream stdin, boolean terminal) {
        this.stdin = stdin;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ("-".equals(file) && packet == null) {
            err.println("error: with -f - the resources take stdin; give the packet with --packet");
            return 2;
        }
        SimulationWorld.Loaded loaded;
        try {
            loaded = SimulationWorld.load(ManifestSources.read(file, recursive, stdin));
        } catch (IOException e) {
            err.println("error: cannot read " + e.getMessage());
            return 1;
        }
        if (!loaded.problems().isEmpty()) {
            loaded.problems().forEach(p -> err.println("error: " + p));
            return 1;
        }
        Simulator simulator = new Simulator(loaded.world());
        boolean human = output == null ? terminal : output == Output.human;
        if (packet != null) {
            return answer(simulator, () -> PacketFields.parse(packet), human, out, "--packet") ? 0 : 1;
        }
        return stream(simulator, human, out) ? 0 : 1;
    }

    /** One answer per non-blank line, in order; true when every line was answered without error. */
    private boolean stream(Simulator simulator, boolean human, PrintWriter out) {
        boolean allGood = true;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String text = line;
                allGood &= answer(simulator, () -> PacketFields.parse(fields(text)), human, out, "line " + number);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return allGood;
    }

    private interface PacketSource {
        Packet read();
    }

    private boolean answer(Simulator simulator, PacketSource source, boolean human, PrintWriter out, String where) {
        try {
            Verdict v = simulator.simulate(source.read());
            out.println(human ? VerdictTable.render(v) : json.writeValueAsString(v));
            return true;
        } catch (InvalidPacketException e) {
            print(e.errors(), human, out, where);
        } catch (IllegalArgumentException e) {
            // A resource the validator let through but the simulator cannot read (for instance a bad net).
            print(List.of(new FieldError("", e.getMessage())), human, out, where);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("verdict not serialisable", e);
        }
        return false;
    }

    private void print(List<FieldError> errors, boolean human, PrintWriter out, String where) {
        if (human) {
            errors.forEach(e -> out.println("error: " + where + ": " + e));
            return;
        }
        ObjectNode line = json.createObjectNode();
        line.put("error", String.join("; ", errors.stream().map(FieldError::toString).toList()));
        var list = line.putArray("errors");
        errors.forEach(e -> list.addObject().put("field", e.path()).put("message", e.message()));
        out.println(line);
    }

    /** A JSON object of strings and numbers, as field texts; anything else is an error naming the field. */
    private Map<String, String> fields(String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidPacketException("", "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidPacketException("", "a packet must be a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value = node.get(name);
            if (!value.isTextual() && !value.isNumber()) {
                throw new InvalidPacketException(name, "must be a string or a number");
            }
            fields.put(name, value.asText());
        }
        return fields;
    }
}
