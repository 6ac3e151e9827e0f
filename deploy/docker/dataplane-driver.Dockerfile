# The dataplane driver: one per node, in the node's network namespace (compose: network_mode: service:NODE;
# Kubernetes: hostNetwork). Needs NET_ADMIN (nftables) and NET_RAW only, never --privileged.
#   docker build -f deploy/docker/dataplane-driver.Dockerfile -t palisade/dataplane-driver:TAG .
# The base image must carry nft, ip, iptables and setpriv (util-linux, essential in Debian/Ubuntu: it binds
# `nft monitor` to the driver's life) (the local base does; Temurin's needs
# `apt-get install nftables iproute2 iptables` in a derived image).
ARG BASE_IMAGE=eclipse-temurin:25-jre
FROM ${BASE_IMAGE}
WORKDIR /opt/palisade
COPY dataplane-driver/target/lib/ lib/
COPY dataplane-driver/target/palisade-dataplane-driver-0.1.0-SNAPSHOT.jar ./
# every option also as an environment variable: PALISADE_NODE, PALISADE_BOOTSTRAP, PALISADE_METRICS_PORT,
# PALISADE_METRICS_ADDRESS (127.0.0.1 unless set; compose sets 0.0.0.0, Kubernetes the pod IP) ...
ENV PALISADE_METRICS_PORT=9464 JAVA_OPTS="-XX:+UseSerialGC -Xmx96m -XX:TieredStopAtLevel=1"
# the metrics endpoint answers once the driver runs, on the address it is bound to (0.0.0.0 reaches loopback)
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/${PALISADE_METRICS_ADDRESS:-127.0.0.1}/${PALISADE_METRICS_PORT}"]
ENTRYPOINT ["/bin/sh", "-c", "exec java --enable-native-access=ALL-UNNAMED $JAVA_OPTS -cp '/opt/palisade/palisade-dataplane-driver-0.1.0-SNAPSHOT.jar:/opt/palisade/lib/*' dev.palisade.driver.adapter.DataplaneDriver --metrics-port $PALISADE_METRICS_PORT \"$@\"", "driver"]
