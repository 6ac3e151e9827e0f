# Shared by ./palisade-local and deploy/observability/check (sourced, not run): root check, the Debian packages
# the local suite needs, the build, and the JVM that runs an e2e main class over the built suite.
# Expects $here = repository root and $tool = the calling command's name.

suite_require_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "$tool: run as root (it creates network namespaces and nftables rules inside them)" >&2
    exit 2
  fi
}

# what .ci/run installs, plus python3 for the demo's servers and probes, plus any extra packages given
suite_install_packages() {
  local need=() pkg
  for pkg in nftables iptables iproute2 conntrack etcd-server postgresql curl unzip python3 "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "$tool: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
    # Debian starts system services on install; the suite runs its own throwaway servers instead.
    systemctl disable --now postgresql prometheus >/dev/null 2>&1 || true
  fi
}

suite_build() {
  export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  if [ ! -x "$JAVA_HOME/bin/java" ]; then
    echo "$tool: Temurin 25 is required at $JAVA_HOME (or set JAVA_HOME)" >&2
    exit 2
  fi
  echo "$tool: building (tests skipped; ./mvnw -B verify runs them) ..."
  (cd "$here" && ./mvnw -q -B -pl cli,e2e -am -DskipTests package)
}

# suite_exec WORKDIR MAIN-CLASS ARGS...: replaces the shell with the JVM running an e2e main class
suite_exec() {
  local work=$1 main=$2
  shift 2
  mkdir -p "$work"
  exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC \
    -Dpalisade.repo="$here" \
    -Dpalisade.kafka.lib="$here/kafka-dist/target/lib" \
    -Dpalisade.testkit.dir="$work" \
    -cp "$here/e2e/target/classes:$here/e2e/target/lib/*" \
    "$main" "$@"
}
