package dev.palisade.driver.adapter;

import dev.palisade.driver.backend.BackendChoice;
import dev.palisade.driver.backend.BackendKind;
import dev.palisade.driver.backend.DataplaneBackend;
import dev.palisade.driver.backend.SwitchingBackend;
import dev.palisade.driver.ipt.IptBackend;
import dev.palisade.driver.ipt.kernel.CliIptables;
import dev.palisade.driver.ipt.kernel.IptablesVariant;
import dev.palisade.driver.nft.NftBackend;
import dev.palisade.driver.nft.kernel.CliNft;
import dev.palisade.driver.nft.kernel.CommandRunner;
import dev.palisade.driver.nft.kernel.LibNft;
import dev.palisade.driver.nft.kernel.NftException;
import dev.palisade.driver.nft.kernel.NftPort;
import dev.palisade.driver.nft.kernel.NftMonitor;
import dev.palisade.driver.nft.kernel.ProcessCommandRunner;

import com.sun.net.httpserver.HttpServer;
import dev.palisade.driver.sync.DriverLoop;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One node's driver, wired: Kafka in, the kernel (through {@code nft} and {@code ip}) out, status back to
 * Kafka, metrics on request. Plain Java rather than Quarkus: one small process per node that must start fast
 * and has no HTTP API to serve beyond metrics.
 */
public final class DataplaneDriver implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DataplaneDriver.class.getName());

    private final KafkaStatusPublisher status;
    private final DriverLoop loop;
    private final IpInterfaceWatcher interfaces;
    private final KafkaDesiredStateSource source;
    private final HttpServer metrics;

    private DataplaneDriver(DriverOptions options) {
        CommandRunner runner = new ProcessCommandRunner();
        status = new KafkaStatusPublisher(options.kafkaClient(), options.statusTopic());
        loop = new DriverLoop(options.node(), backend(options, runner), options.driftInterval(), status::publish);
        interfaces = new IpInterfaceWatcher(runner, options.netns(), options.interfacePoll(), loop::interfaces);
        source = new KafkaDesiredStateSource(options.kafkaClient(), options.dataplaneTopic(), options.node(),
                loop::batch, loop::inputError);
        metrics = options.metricsPort() > 0 ? metricsServer(options.metricsAddress(), options.metricsPort(), loop) : null;
    }

    /**
     * libnftables in-process where it loads, else the {@code nft} program: same transactions, same atomicity, the
     * library without a process start per apply.
     */
    private static NftPort kernelPort(DriverOptions options, CommandRunner runner) {
        if (options.nftLibrary()) {
            try {
                Optional<NftPort> library = LibNft.open(options.netns());
                if (library.isPresent()) {
                    LOG.info("applying through libnftables in-process");
                    return library.get();
                }
                LOG.warning("libnftables.so.1 cannot be loaded; applying with the nft program instead");
            } catch (NftException e) {
                LOG.warning("libnftables cannot be used (" + e.getMessage() + "); applying with the nft program instead");
            }
        }
        return new CliNft(runner, options.netns());
    }

    /** The backend the flag or the node's {@code nftablesMode} picks, switched when the choice changes. */
    private static DataplaneBackend backend(DriverOptions options, CommandRunner runner) {
        BackendChoice choice = BackendChoice.of(options.dataplane(), () -> nftSupported(options, runner));
        return new SwitchingBackend(choice, kind -> create(kind, options, runner));
    }

    private static DataplaneBackend create(BackendKind kind, DriverOptions options, CommandRunner runner) {
        if (kind == BackendKind.IPTABLES) {
            IptablesVariant variant = options.iptables().equals("auto")
                    ? IptablesVariant.detect(runner, options.netns()) : IptablesVariant.parse(options.iptables());
            LOG.info("iptables backend through " + variant.command(4, ""));
            return new IptBackend(new CliIptables(runner, options.netns(), variant));
        }
        return new NftBackend(kernelPort(options, runner), new NftMonitor(options.netns()));
    }

    /** nftablesMode Auto: nftables when its tools load and the kernel answers a listing of our table. */
    private static boolean nftSupported(DriverOptions options, CommandRunner runner) {
        NftPort port = null;
        try {
            port = kernelPort(options, runner);
            port.listTable();
            return true;
        } catch (NftException | RuntimeException e) {
            LOG.info("nftablesMode Auto: nftables unusable here (" + e.getMessage() + "), iptables instead");
            return false;
        } finally {
            if (port != null) {
                port.close();
            }
        }
    }

    public static DataplaneDriver start(DriverOptions options) {
        DataplaneDriver driver = new DataplaneDriver(options);
        driver.loop.start();
        driver.interfaces.start();
        driver.source.start();
        if (driver.metrics != null) {
            driver.metrics.start();
        }
        LOG.info("driver for node " + options.node() + (options.netns() == null ? "" : " in netns " + options.netns())
                + " started");
        return driver;
    }

    public DriverLoop loop() {
        return loop;
    }

    private static HttpServer metricsServer(String address, int port, DriverLoop loop) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
            server.createContext("/metrics", exchange -> {
                byte[] body = loop.metrics().prometheusText().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + address + ":" + port, e);
        }
    }

    @Override
    public void close() {
        source.close();
        interfaces.close();
        loop.close();
        status.close();
        if (metrics != null) {
            metrics.stop(0);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        DriverOptions options;
        try {
            options = DriverOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        DataplaneDriver driver = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(driver::close, "palisade-driver-shutdown"));
        Thread.currentThread().join();
    }
}
