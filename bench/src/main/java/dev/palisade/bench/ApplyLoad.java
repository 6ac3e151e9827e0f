package dev.palisade.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concurrent clients, each applying its own GlobalNetworkSets in a loop through {@code POST .../apply}; every
 * apply changes a net, so every one is a commit with its own revision. Timings are kept only for applies
 * that start inside the measurement window.
 */
final class ApplyLoad {

    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"(\\d+)\"");
    private static final int NAMES_PER_CLIENT = 50;
    private static final Duration TOPIC_DRAIN = Duration.ofSeconds(10);

    /** One timed apply: when it was sent and answered, and the revision it committed. */
    private record Sample(long sentNanos, long answeredNanos, long revision) {
    }

    /** p50 and p99 in milliseconds. */
    record Percentiles(double p50, double p99) {
        static Percentiles of(double[] millis) {
            if (millis.length == 0) {
                return new Percentiles(Double.NaN, Double.NaN);
            }
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return new Percentiles(at(sorted, 0.50), at(sorted, 0.99));
        }

        private static double at(double[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
        }
    }

    record Phase(int clients, long applies, long errors, double appliesPerSecond, Percentiles apply,
                 Percentiles commitToTopic, Percentiles requestToTopic, long notOnTopic) {
    }

    private final String server;
    private final String token;
    private final RevisionTimes commits;
    private final RevisionTimes arrivals;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong sequence = new AtomicLong();

    /** {@code commits} and {@code arrivals} tell when each revision was committed and reached the topic. */
    ApplyLoad(String server, String token, RevisionTimes commits, RevisionTimes arrivals) {
        this.server = server;
        this.token = token;
        this.commits = commits;
        this.arrivals = arrivals;
    }

    /** True once an authenticated list answers 200 (etcd reachable, tokens loaded). */
    boolean answers() {
        try {
            return http.send(request("/apis/projectcalico.org/v3/globalnetworksets").GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Phase run(int clients, Duration warmup, Duration measure) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        List<List<Sample>> perClient = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Sample> samples = new ArrayList<>();
            perClient.add(samples);
            String prefix = "bench-" + clients + "-c" + c + "-";
            threads.add(Thread.ofPlatform().name("client-" + c).start(
                    () -> loop(prefix, measureFrom, measureTo, samples, errors)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Sample> samples = perClient.stream().flatMap(List::stream).toList();
        awaitArrivals(samples);
        double[] apply = samples.stream().mapToDouble(s -> millis(s.answeredNanos() - s.sentNanos())).toArray();
        List<Sample> arrived = samples.stream().filter(s -> arrivals.seen(s.revision()) != null).toList();
        double[] commitToTopic = arrived.stream().filter(s -> commits.seen(s.revision()) != null)
                .mapToDouble(s -> millis(arrivals.seen(s.revision()) - commits.seen(s.revision()))).toArray();
        double[] requestToTopic = arrived.stream()
                .mapToDouble(s -> millis(arrivals.seen(s.revision()) - s.sentNanos())).toArray();
        return new Phase(clients, samples.size(), errors.get(), samples.size() / (measure.toNanos() / 1e9),
                Percentiles.of(apply), Percentiles.of(commitToTopic), Percentiles.of(requestToTopic),
                samples.size() - arrived.size());
    }

    private void loop(String prefix, long measureFrom, long measureTo, List<Sample> samples, AtomicLong errors) {
        long now = System.nanoTime();
        while (now < measureTo) {
            long n = sequence.incrementAndGet();
            String body = globalNetworkSet(prefix + (n % NAMES_PER_CLIENT), n);
            long sent = System.nanoTime();
            try {
                HttpResponse<String> reply = http.send(request("/apis/projectcalico.org/v3/apply")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                Matcher version = RESOURCE_VERSION.matcher(reply.body());
                if (reply.statusCode() != 200 || !version.find()) {
                    errors.incrementAndGet();
                } else if (sent >= measureFrom && sent < measureTo) {
                    samples.add(new Sample(sent, answered, Long.parseLong(version.group(1))));
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            now = System.nanoTime();
        }
    }

    private void awaitArrivals(List<Sample> samples) throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_DRAIN.toNanos();
        while (System.nanoTime() < deadline && samples.stream().anyMatch(s -> arrivals.seen(s.revision()) == null)) {
            Thread.sleep(50);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    /** A set whose second net changes with {@code n}, so that every apply is a change. */
    private static String globalNetworkSet(String name, long n) {
        return "{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"GlobalNetworkSet\",\"metadata\":{\"name\":\""
                + name + "\",\"labels\":{\"bench\":\"ingest\"}},\"spec\":{\"nets\":[\"198.18.0.0/24\",\"198.19."
                + ((n >> 8) & 0xff) + "." + (n & 0xff) + "/32\"]}}";
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
