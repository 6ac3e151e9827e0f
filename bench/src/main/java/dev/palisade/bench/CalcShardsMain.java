package dev.palisade.bench;

import dev.palisade.calculator.engine.CalcGraph;
import dev.palisade.calculator.engine.CalcGraphFactory;
import dev.palisade.calculator.engine.Shard;
import dev.palisade.calculator.engine.Update;
import dev.palisade.model.resource.Resource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code bench/run calc-shards}: what each of N calculators sharing the dataplane partitions does at cluster scale
 * (default 100k HEPs / 10k GNPs / 1k network sets, {@code -Dpalisade.bench.world=heps:gnps:networkSets}), for
 * N = 1, 2 and 4 ({@code -Dpalisade.bench.instances=1,2,4}) over 12 partitions, instance i owning the partitions
 * p with p mod N = i (so instance 0 also publishes the shared stream). Each instance is its own JVM, as in a
 * deployment: it feeds the whole world (every calculator indexes every resource), flushes once, and reports the
 * cold start's thread CPU and wall time, the live heap after full collections with and without its graph (the
 * input list is the difference's baseline), and the records it published. Ends with one {@code RESULT {json}}.
 */
public final class CalcShardsMain {

    private static final int PARTITIONS = 12;
    private static final int HEPS_PER_NODE = 10;

    private CalcShardsMain() {
    }

    public static void main(String[] args) throws Exception {
        String world = System.getProperty("palisade.bench.world", "100000:10000:1000");
        if (args.length == 3 && args[0].equals("--instance")) {
            System.out.println("INSTANCE " + instance(world, Integer.parseInt(args[1]), Integer.parseInt(args[2])));
            return;
        }
        double loadBefore = Machine.loadAverage();
        StringBuilder json = new StringBuilder("{\"bench\":\"calc-shards\",\"world\":\"" + world + "\",\"partitions\":"
                + PARTITIONS + ",\"runs\":[");
        String sep = "";
        for (String n : System.getProperty("palisade.bench.instances", "1,2,4").split(",")) {
            int instances = Integer.parseInt(n);
            json.append(sep).append("{\"instances\":").append(instances).append(",\"perInstance\":[");
            for (int i = 0; i < instances; i++) {
                String line = child(world, instances, i);
                System.out.println(instances + " instances, #" + i + ": " + line);
                json.append(i == 0 ? "" : ",").append(line);
            }
            json.append("]}");
            sep = ",";
        }
        json.append("],\"loadAverageBefore\":").append(fmt(loadBefore)).append(",\"loadAverage\":")
                .append(fmt(Machine.loadAverage())).append('}');
        System.out.println("RESULT " + json);
    }

    /** One instance in a JVM of its own, with this JVM's heap settings and class path. */
    private static String child(String world, int instances, int index) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CalcShardsMain.class.getName(),
                "--instance", Integer.toString(instances), Integer.toString(index)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("INSTANCE ")) {
                    result = line.substring("INSTANCE ".length());
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException("instance " + index + " of " + instances + " failed (exit " + exit
                    + "):\n" + output);
        }
        return result;
    }

    private static String instance(String world, int instances, int index) {
        String[] w = world.split(":");
        int heps = Integer.parseInt(w[0]);
        List<Resource> resources = new CalcWorld(42, heps / HEPS_PER_NODE, HEPS_PER_NODE)
                .resources(Integer.parseInt(w[1]), Integer.parseInt(w[2]));
        Set<Integer> owned = new TreeSet<>();
        for (int p = index; p < PARTITIONS; p += instances) {
            owned.add(p);
        }
        double baselineMiB = Machine.liveHeapMiB();
        long[] records = new long[1];
        CalcGraph graph = CalcGraphFactory.create((node, batch) -> records[0] += batch.size(),
                new Shard(PARTITIONS, owned), (key, errors) -> { });
        var threads = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (Resource r : resources) {
            graph.onUpdate(Update.of(r));
        }
        graph.flush(1);
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
        double wallMs = (System.nanoTime() - wall0) / 1e6;
        double heapMiB = Machine.liveHeapMiB();
        return String.format(Locale.ROOT, "{\"owned\":\"%s\",\"coldStartCpuMs\":%.0f,\"coldStartMs\":%.0f,"
                        + "\"heapMiB\":%.0f,\"graphHeapMiB\":%.0f,\"records\":%d,\"endpoints\":%d}", owned, cpuMs, wallMs,
                heapMiB, heapMiB - baselineMiB, records[0], graph.stats().endpoints());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
