#!/usr/bin/env bash
# Writes cmd/sipscan/default.pgo, the CPU profile the Go toolchain uses to optimise the sipscan
# binary (profile-guided optimisation: `go build ./cmd/sipscan` picks it up by itself). The
# profile is of report.Analyze (bench/analyze_test.go) on a W1-like and a W2-like capture, the
# two shapes of traffic the benchmark times. Re-run it after changes to the reading, parsing or
# correlation code; an old profile still builds, it only optimises less.
#
#   bench/pgo.sh        # captures go to SIPBENCH_DIR (default ${TMPDIR:-/tmp}/sipscan-bench)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${SIPBENCH_DIR:-${TMPDIR:-/tmp}/sipscan-bench}
case $dir in "$root"/*) echo "pgo: SIPBENCH_DIR=$dir is inside the repository" >&2; exit 2 ;; esac
mkdir -p "$dir"
cd "$root"

profiles=()
for w in "W1 0 1" "W2 0.95 2"; do
	read -r name rtp seed <<<"$w"
	f="$dir/pgo-$name.pcap"
	[[ -s $f && -s $f.expected.json ]] || go run ./cmd/sipgen -size 512MiB -rtp "$rtp" -seed "$seed" -o "$f" >&2
	SIPBENCH_FILE=$f go test ./bench -run '^$' -bench Analyze -benchtime 4x -pgo=off \
		-cpuprofile "$dir/pgo-$name.prof" -o "$dir/bench.test" >&2
	profiles+=("$dir/pgo-$name.prof")
done
go tool pprof -proto "${profiles[@]}" >cmd/sipscan/default.pgo
echo "pgo: wrote cmd/sipscan/default.pgo ($(stat -c %s cmd/sipscan/default.pgo) bytes)" >&2
