package dev.palisade.e2e.compose;

import dev.palisade.testkit.Commands;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code docker} CLI against the engine {@code DOCKER_HOST} names, for one compose project: its
 * containers are {@code PROJECT-SERVICE-1}.
 */
public record Docker(String project) {

    public String container(String service) {
        return project + "-" + service + "-1";
    }

    /** Runs {@code command} inside {@code service}'s container; returns its exit code and output. */
    public Commands.Result exec(String service, String... command) {
        List<String> line = new ArrayList<>(List.of("docker", "exec", container(service)));
        line.addAll(List.of(command));
        return Commands.run(line);
    }

    /**
     * A crash: SIGKILL to the container's main process, sent from this host. Not {@code docker kill}: engine
     * 20.10 counts that as a manual stop and its restart policy leaves the container down.
     */
    public void crash(String service) {
        String pid = Commands.run("docker", "inspect", "-f", "{{.State.Pid}}", container(service)).requireSuccess().stdout().trim();
        if (pid.isEmpty() || pid.equals("0")) {
            throw new IllegalStateException(container(service) + " is not running, nothing to crash");
        }
        Commands.run("kill", "-KILL", pid).requireSuccess();
    }

    /** How often the engine restarted the container, and whether it runs now. */
    public Restarts restarts(String service) {
        String[] state = Commands.run("docker", "inspect", "-f", "{{.RestartCount}} {{.State.Running}}", container(service))
                .requireSuccess().stdout().trim().split(" ");
        return new Restarts(Integer.parseInt(state[0]), Boolean.parseBoolean(state[1]));
    }

    public record Restarts(int count, boolean running) {
    }
}
