# Sourced by run.sh and ab.sh: how the tracker and the client JVM are placed and sized.

# "opentracker's one core": the tracker gets the last core to itself and both clients (ours and the
# bare socket) the others, so neither side's threads take the tracker's CPU (on two cores that
# contention, not the code, decided the result from one run to the next). PIN=0 turns this off.
cores=$(nproc)
tracker_cpu=() client_cpu=()
if [ "${PIN:-1}" = 1 ] && [ "$cores" -ge 2 ] && command -v taskset >/dev/null; then
  tracker_cpu=(taskset -c "$((cores - 1))")
  client_cpu=(taskset -c "0-$((cores - 2))")
fi

# The client's JVM gets a heap sized for 100,000 requests in flight (both sides run in it): with the
# default sizing, young collections copy those requests several times a phase and the result says
# more about the collector than about either socket. GC time is printed per phase; BENCH_JAVA_OPTS=
# (empty) measures with the JVM's defaults instead.
java_opts=${BENCH_JAVA_OPTS--Xms2g -Xmn1g}
