#!/usr/bin/env bash
# Times `sipscan report --format json` (and `tshark -q -z sip,stat` when installed, and the plain
# gopacket loop of bench/gopacketloop) on generated captures, and checks them against the exact
# counts the generator wrote beside each capture.
#
#   bench/run.sh                 # W1, W2 (1 GiB each) and W1 at 2 GiB for the memory check
#   SIPBENCH_TSHARK=0 bench/run.sh   # without tshark
#
# Environment:
#   SIPBENCH_DIR      where captures, binaries and outputs go (default ${TMPDIR:-/tmp}/sipscan-bench);
#                     captures already there are reused. Keep it outside the repository.
#   SIPBENCH_RUNS     timed runs of sipscan per workload; the median is shown (default 5)
#   SIPBENCH_TSHARK   runs of tshark per workload (default 1; 0 skips tshark, which takes
#                     about half a minute and gigabytes of memory per GiB)
#   SIPBENCH_GOPACKET runs of the plain gopacket loop per workload, W1 and W2 (default 1; 0 skips
#                     it; about 8 and 5 s)
#   SIPBENCH_SIZE     size of W1 and W2 (default 1GiB); W1x2 is twice that
#   SIPBENCH_LARGE    0 skips the 2x W1 run (default 1)
#   SIPBENCH_KEEP     0 deletes the captures at the end (default 1: keep them for the next run)
#
# Exit status: 0 when every count agrees, 1 on a mismatch, 2 when something could not run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${SIPBENCH_DIR:-${TMPDIR:-/tmp}/sipscan-bench}
runs=${SIPBENCH_RUNS:-5}
tshark_runs=${SIPBENCH_TSHARK:-1}
gopacket_runs=${SIPBENCH_GOPACKET:-1}
size=${SIPBENCH_SIZE:-1GiB}
large=${SIPBENCH_LARGE:-1}
keep=${SIPBENCH_KEEP:-1}

die() { echo "bench: $*" >&2; exit 2; }
to_bytes() { # 1GiB, 512MiB, 2G -> bytes
	local s=${1%B}
	if [[ $s == *i ]]; then numfmt --from=iec-i "$s"; else numfmt --from=iec "$s"; fi
}

case $dir in "$root"/*) die "SIPBENCH_DIR=$dir is inside the repository; captures must stay out of it" ;; esac
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is needed for peak RSS: apt-get install time"
mkdir -p "$dir"

echo "bench: building sipgen and sipscan into $dir" >&2
(cd "$root" && go build -o "$dir/sipgen" ./cmd/sipgen) || die "cannot build ./cmd/sipgen"
if [[ $gopacket_runs != 0 ]]; then
	(cd "$root" && go build -o "$dir/gopacketloop" ./bench/gopacketloop) || die "cannot build ./bench/gopacketloop"
fi
(cd "$root" && go build -o "$dir/corecheck" ./bench/corecheck) || die "cannot build ./bench/corecheck"
if ! (cd "$root" && go build -o "$dir/sipscan" ./cmd/sipscan) 2>"$dir/build.err"; then
	cat "$dir/build.err" >&2
	die "cannot build ./cmd/sipscan (it needs cmd/sipscan and pkg/report.Analyze): nothing to time yet"
fi

# A small capture first: sipscan must produce a report that agrees before anything is timed.
"$dir/sipgen" -size 256KiB -rtp 0.5 -tcp 0.2 -seed 99 -o "$dir/smoke.pcap" >/dev/null
if ! "$dir/sipscan" report --format json -q "$dir/smoke.pcap" >"$dir/smoke.json" 2>"$dir/smoke.err"; then
	cat "$dir/smoke.err" >&2
	die "\`sipscan report --format json\` fails on a small generated capture: nothing to time yet"
fi
"$dir/sipgen" -check "$dir/smoke.pcap.expected.json" -report "$dir/smoke.json" >/dev/null ||
	echo "bench: WARNING: sipscan's counts on the small capture disagree with the expected counts" >&2

# workload NAME SIZE RTP SEED: generate the capture unless it is there with its counts.
workload() {
	local name=$1 wsize=$2 rtp=$3 seed=$4 f="$dir/$1.pcap"
	if [[ -s $f && -s $f.expected.json ]]; then
		echo "bench: reusing $f" >&2
		return
	fi
	local need avail
	need=$(( $(to_bytes "$wsize") / 1048576 + 64 ))
	avail=$(df -Pm "$dir" | awk 'NR==2 {print $4}')
	(( avail > need )) || die "$dir has ${avail} MB free, $name needs ${need} MB"
	echo "bench: generating $name ($wsize, RTP share $rtp, seed $seed)" >&2
	"$dir/sipgen" -size "$wsize" -rtp "$rtp" -seed "$seed" -o "$f" >&2
}

double=$(( $(to_bytes "$size") * 2 ))
workload W1 "$size" 0 1
workload W2 "$size" 0.95 2
if [[ $large == 1 ]]; then
	workload W1x2 "$double" 0 1
fi

# timed CMD...: runs CMD once under GNU time; sets wall (s, from the shell's clock), cpu (user and
# system CPU seconds, which tell how fast the machine was at the time) and rss (MB), and returns
# CMD's exit status.
timed() {
	local t0 t1 rc=0
	t0=$EPOCHREALTIME
	/usr/bin/time -f '%M %U %S' -o "$dir/time.out" "$@" || rc=$?
	t1=$EPOCHREALTIME
	wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')
	rss=$(awk 'END {printf "%.1f", $1 / 1024}' "$dir/time.out")
	cpu=$(awk 'END {printf "%.2f", $2 + $3}' "$dir/time.out")
	return "$rc"
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# repeat N OUT CMD...: runs CMD N times under timed, its standard output to OUT and its errors to
# OUT.err; sets rep_wall (the median wall time), rep_cpu (the median CPU time) and rep_rss (the
# largest peak RSS). Fails as soon as a run does.
repeat() {
	local n=$1 out=$2 i walls=() rsss=() cpus=()
	shift 2
	for ((i = 0; i < n; i++)); do
		timed "$@" >"$out" 2>"$out.err" || return 1
		walls+=("$wall") rsss+=("$rss") cpus+=("$cpu")
	done
	rep_wall=$(printf '%s\n' "${walls[@]}" | median)
	rep_rss=$(printf '%s\n' "${rsss[@]}" | sort -g | tail -1)
	rep_cpu=$(printf '%s\n' "${cpus[@]}" | median)
}

results=()   # workload|tool|wall|cpu|MB/s|packets/s|rss|ratio|check
cores=()     # what bench/corecheck measured before and after each workload's sipscan runs
status=0
have_tshark=0
if [[ $tshark_runs != 0 ]] && command -v tshark >/dev/null; then
	have_tshark=1
fi

for w in W1 W2 W1x2; do
	f="$dir/$w.pcap"
	[[ -s $f ]] || continue
	[[ $w == W1x2 && $large != 1 ]] && continue
	bytes=$(stat -c %s "$f")
	packets=$(jq .packets "$f.expected.json")
	cat "$f" >/dev/null # warm the page cache

	# How many cores the machine gives right before and after the runs: a virtual machine's cores
	# can slow down for seconds, which moves the wall time of a parallel program.
	c_before=$("$dir/corecheck")
	repeat "$runs" "$dir/$w.sipscan.json" "$dir/sipscan" report --format json -q "$f" ||
		{ cat "$dir/$w.sipscan.json.err" >&2; die "sipscan report failed on $f"; }
	s_wall=$rep_wall s_rss=$rep_rss s_cpu=$rep_cpu
	cores+=("$w: before: $c_before; after: $("$dir/corecheck")")
	if "$dir/sipgen" -check "$f.expected.json" -report "$dir/$w.sipscan.json" >"$dir/$w.sipscan.check" 2>&1; then
		s_check=agree
	else
		s_check=MISMATCH status=1
		cat "$dir/$w.sipscan.check" >&2
	fi

	t_wall=""
	if [[ $have_tshark == 1 && $w != W1x2 ]]; then
		repeat "$tshark_runs" "$dir/$w.tshark.txt" tshark -n -q -z sip,stat -r "$f" ||
			{ cat "$dir/$w.tshark.txt.err" >&2; die "tshark failed on $f"; }
		t_wall=$rep_wall t_rss=$rep_rss t_cpu=$rep_cpu
		if "$dir/sipgen" -check "$f.expected.json" -tshark "$dir/$w.tshark.txt" >"$dir/$w.tshark.check" 2>&1; then
			t_check=agree
		else
			t_check=MISMATCH status=1
			cat "$dir/$w.tshark.check" >&2
		fi
	fi

	g_wall=""
	if [[ $gopacket_runs != 0 && $w != W1x2 ]]; then
		repeat "$gopacket_runs" "$dir/$w.gopacket.json" "$dir/gopacketloop" "$f" ||
			{ cat "$dir/$w.gopacket.json.err" >&2; die "the gopacket loop failed on $f"; }
		g_wall=$rep_wall g_rss=$rep_rss g_cpu=$rep_cpu
		# The loop finds SIP by port and does not reassemble TCP: only the packet count must agree.
		if [[ $(jq .packets "$dir/$w.gopacket.json") == "$packets" ]]; then
			g_check="agree ($(jq .sip_messages "$dir/$w.gopacket.json") SIP layers)"
		else
			g_check=MISMATCH status=1
			echo "bench: the gopacket loop read $(jq .packets "$dir/$w.gopacket.json") packets of $f, want $packets" >&2
		fi
	fi

	row() { # tool wall rss check ratio cpu
		awk -v w="$w" -v tool="$1" -v s="$2" -v rss="$3" -v chk="$4" -v ratio="$5" -v cpu="$6" -v b="$bytes" -v p="$packets" \
			'BEGIN {printf "%s|%s|%.3f|%.2f|%.0f|%.2f M|%.0f|%s|%s\n", w, tool, s, cpu, b / 1e6 / s, p / 1e6 / s, rss, ratio, chk}'
	}
	if [[ -n $t_wall ]]; then
		ratio=$(awk -v t="$t_wall" -v s="$s_wall" 'BEGIN {printf "%.1fx faster", t / s}')
		results+=("$(row "sipscan report" "$s_wall" "$s_rss" "$s_check" "$ratio" "$s_cpu")")
		results+=("$(row "tshark sip,stat" "$t_wall" "$t_rss" "$t_check" "1x" "$t_cpu")")
	else
		results+=("$(row "sipscan report" "$s_wall" "$s_rss" "$s_check" "-" "$s_cpu")")
	fi
	if [[ -n $g_wall ]]; then
		ratio=$(awk -v g="$g_wall" -v s="$s_wall" 'BEGIN {printf "(sipscan %.1fx faster)", g / s}')
		results+=("$(row "gopacket loop" "$g_wall" "$g_rss" "$g_check" "$ratio" "$g_cpu")")
	fi
done

echo
echo "sipscan: median of $runs runs; tshark: median of $tshark_runs; gopacket loop: median of $gopacket_runs; page cache warm; $(nproc) cores"
echo
echo "| workload | tool | wall s | CPU s | MB/s | packets/s | peak RSS MB | vs tshark | counts |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
for r in "${results[@]}"; do
	echo "| ${r//|/ | } |"
done
echo
echo "Cores the machine gave before and after sipscan's runs (bench/corecheck; 2.00 on an idle 2-core machine):"
for c in "${cores[@]}"; do
	echo "- $c"
done

if [[ $keep == 0 ]]; then
	rm -f "$dir"/W1.pcap* "$dir"/W2.pcap* "$dir"/W1x2.pcap*
fi
exit $status
