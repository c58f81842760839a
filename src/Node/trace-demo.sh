#!/usr/bin/env bash
# Records a dotnet-trace profile of the demo's syncing node and says where the .nettrace file is.
# Usage: src/Node/trace-demo.sh [demo flags, e.g. -blocks=400 -blocksize=1000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet tool restore > /dev/null
dotnet build -c Release src/Node > /dev/null
out="${TMPDIR:-/tmp}/sharpnode-sync-$(date +%Y%m%d-%H%M%S).nettrace"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet run -c Release --no-build --project src/Node -- demo "$@" | tee "$log" &
demo=$!
pid=""
while [ -z "$pid" ]; do
  if ! kill -0 "$demo" 2> /dev/null; then
    echo "The demo ended before its syncing node started." >&2
    exit 1
  fi
  pid="$(sed -n 's/.*Started the syncing node (pid \([0-9]*\)).*/\1/p' "$log")"
  sleep 0.1
done
# The trace ends when the syncing node exits at the end of the demo.
dotnet tool run dotnet-trace collect -p "$pid" -o "$out" > /dev/null
wait "$demo"

cat << EOF

Trace of the syncing node (pid $pid): $out
Open it with:
  speedscope:     dotnet tool run dotnet-trace convert --format Speedscope "$out"
                  then load the .speedscope.json at https://www.speedscope.app
  PerfView:       File > Open "$out" (Windows)
  Visual Studio:  File > Open > File... "$out"
EOF
