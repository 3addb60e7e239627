//go:build linux

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
	"golang.org/x/sys/unix"

	"github.com/sipscan/sipscan/pkg/report"
)

// liveBasePort is the first of the loopback tests' ports: unusual ones, so that nothing else
// on the machine is captured. Each test uses its own pair (UAS, UAC), so that one test's
// sockets closing late cannot disturb the next.
const liveBasePort = 15060

// skipUnlessCapture skips when packet sockets cannot be opened (not root, no CAP_NET_RAW).
func skipUnlessCapture(t *testing.T) {
	t.Helper()
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_DGRAM, 0)
	if err != nil {
		t.Skipf("live capture needs CAP_NET_RAW (run as root): %v", err)
	}
	unix.Close(fd)
	if _, err := net.InterfaceByName("lo"); err != nil {
		t.Skipf("no loopback interface lo: %v", err)
	}
}

// signalWriter is a goroutine-safe buffer that closes ready when want is written.
type signalWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	want  string
	ready chan struct{}
	once  sync.Once
}

func (w *signalWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.want) {
		w.once.Do(func() { close(w.ready) })
	}
	return len(p), nil
}

func (w *signalWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// startLive runs `sipscan live` with args in the background and waits until it listens.
// The returned function waits for it to stop and returns its exit code and stdout.
func startLive(t *testing.T, args ...string) (wait func() (int, string), stderr *signalWriter) {
	t.Helper()
	stderr = &signalWriter{want: "listening on", ready: make(chan struct{})}
	var stdout bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(append([]string{"live"}, args...), strings.NewReader(""), &stdout, stderr) }()
	select {
	case <-stderr.ready:
	case code := <-done:
		t.Fatalf("sipscan live exited with %d before listening: %s", code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatalf("sipscan live did not start: %s", stderr.String())
	}
	return func() (int, string) {
		select {
		case code := <-done:
			return code, stdout.String()
		case <-time.After(30 * time.Second):
			t.Fatalf("sipscan live did not stop: %s", stderr.String())
			return 0, ""
		}
	}, stderr
}

// startUAS answers INVITEs by the Request-URI user (busy, broke, full, alice), BYE with 200
// and REGISTER with a 401 challenge.
func startUAS(t *testing.T, ctx context.Context, transport string, port int) {
	t.Helper()
	ua, err := sipgo.NewUA(sipgo.WithUserAgent("uas"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ua.Close() })
	srv, err := sipgo.NewServer(ua)
	if err != nil {
		t.Fatal(err)
	}
	respond := func(tx sip.ServerTransaction, req *sip.Request, code int, reason string, hdrs ...sip.Header) {
		res := sip.NewResponseFromRequest(req, code, reason, nil)
		for _, h := range hdrs {
			res.AppendHeader(h)
		}
		if err := tx.Respond(res); err != nil {
			t.Errorf("respond %d: %v", code, err)
		}
	}
	contact := &sip.ContactHeader{Address: sip.Uri{User: "uas", Host: "127.0.0.1", Port: port}}
	srv.OnInvite(func(req *sip.Request, tx sip.ServerTransaction) {
		// 100 Trying is sent here rather than by the transaction's timer, so that the
		// messages on the wire do not depend on timing.
		respond(tx, req, 100, "Trying")
		switch req.Recipient.User {
		case "busy":
			respond(tx, req, 180, "Ringing")
			respond(tx, req, 486, "Busy Here")
		case "broke":
			respond(tx, req, 403, "Insufficient funds")
		case "full":
			respond(tx, req, 503, "Out of capacity")
		default:
			respond(tx, req, 180, "Ringing")
			respond(tx, req, 200, "OK", contact)
		}
		select {
		case <-tx.Done():
		case <-ctx.Done():
		}
	})
	srv.OnAck(func(req *sip.Request, tx sip.ServerTransaction) {})
	srv.OnBye(func(req *sip.Request, tx sip.ServerTransaction) { respond(tx, req, 200, "OK") })
	srv.OnRegister(func(req *sip.Request, tx sip.ServerTransaction) {
		respond(tx, req, 401, "Unauthorized", sip.NewHeader("WWW-Authenticate", `Digest realm="test", nonce="4f3c2a", algorithm=MD5`))
	})
	ready := make(chan struct{})
	lctx := context.WithValue(ctx, sipgo.ListenReadyCtxKey, sipgo.ListenReadyCtxValue(ready))
	go func() {
		if err := srv.ListenAndServe(lctx, transport, "127.0.0.1:"+strconv.Itoa(port)); err != nil && !errors.Is(err, net.ErrClosed) && ctx.Err() == nil {
			t.Errorf("UAS: %v", err)
		}
	}()
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.Fatal("UAS did not start")
	}
}

// runUAC places the calls and the registration, each to completion.
func runUAC(t *testing.T, ctx context.Context, transport string, uasPort, port int) {
	t.Helper()
	ua, err := sipgo.NewUA(sipgo.WithUserAgent("uac"))
	if err != nil {
		t.Fatal(err)
	}
	defer ua.Close()
	client, err := sipgo.NewClient(ua, sipgo.WithClientAddr("127.0.0.1:"+strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	// Responses go to the port in the Via header: the UA must listen there.
	uacSrv, err := sipgo.NewServer(ua)
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	lctx, stop := context.WithCancel(context.WithValue(ctx, sipgo.ListenReadyCtxKey, sipgo.ListenReadyCtxValue(ready)))
	defer stop()
	go func() { _ = uacSrv.ListenAndServe(lctx, transport, "127.0.0.1:"+strconv.Itoa(port)) }()
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.Fatal("UAC did not start listening")
	}
	dialogs := sipgo.NewDialogClientCache(client, sip.ContactHeader{Address: sip.Uri{User: "uac", Host: "127.0.0.1", Port: port}})
	params := sip.NewParams()
	params.Add("transport", transport)
	for _, user := range []string{"busy", "broke", "full", "alice"} {
		dlg, err := dialogs.Invite(ctx, sip.Uri{User: user, Host: "127.0.0.1", Port: uasPort, UriParams: params}, nil)
		if err != nil {
			t.Fatalf("INVITE %s: %v", user, err)
		}
		err = dlg.WaitAnswer(ctx, sipgo.AnswerOptions{})
		if user != "alice" {
			var de *sipgo.ErrDialogResponse
			if !errors.As(err, &de) {
				t.Fatalf("INVITE %s: want a failure response, got %v", user, err)
			}
			dlg.Close()
			continue
		}
		if err != nil {
			t.Fatalf("INVITE %s: %v", user, err)
		}
		if err := dlg.Ack(ctx); err != nil {
			t.Fatalf("ACK: %v", err)
		}
		if err := dlg.Bye(ctx); err != nil {
			t.Fatalf("BYE: %v", err)
		}
		dlg.Close()
	}
	reg := sip.NewRequest(sip.REGISTER, sip.Uri{Host: "127.0.0.1", Port: uasPort, UriParams: params})
	reg.AppendHeader(&sip.ToHeader{Address: sip.Uri{User: "uac", Host: "127.0.0.1"}})
	fromParams := sip.NewParams()
	fromParams.Add("tag", "r1")
	reg.AppendHeader(&sip.FromHeader{Address: sip.Uri{User: "uac", Host: "127.0.0.1"}, Params: fromParams})
	res, err := client.Do(ctx, reg, sipgo.ClientRequestRegisterBuild)
	if err != nil {
		t.Fatalf("REGISTER: %v", err)
	}
	if res.StatusCode != 401 {
		t.Fatalf("REGISTER: got %d, want 401", res.StatusCode)
	}
}

// TestLiveLoopback sniffs real SIP dialogs on lo and requires exactly the messages and
// diagnoses that were sent.
func TestLiveLoopback(t *testing.T) {
	skipUnlessCapture(t)
	const messages = 22 // 5 busy + 4 broke + 4 full + 7 answered and hung up + 2 register
	dir := t.TempDir()
	pcap := dir + "/live.pcapng"
	uasPort, uacPort := liveBasePort, liveBasePort+1
	wait, stderr := startLive(t, "-i", "lo", "--filter", fmt.Sprintf("udp portrange %d-%d", uasPort, uacPort),
		"--format", "json", "--interval", "1h", "--count", "22", "--duration", "30s", "--write", pcap)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	startUAS(t, ctx, "udp", uasPort)
	runUAC(t, ctx, "udp", uasPort, uacPort)

	code, out := wait()
	if code != exitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr.String())
	}
	rep := lastReport(t, out)

	want := report.Totals{Packets: messages, SIPMessages: messages, Requests: 10, Responses: 12}
	if rep.Totals != want {
		t.Errorf("totals = %+v, want %+v\nstderr: %s", rep.Totals, want, stderr.String())
	}
	var methods []string
	for _, m := range rep.Methods {
		methods = append(methods, m.Method+"="+itoa(m.Count))
	}
	slices.Sort(methods)
	if got, want := strings.Join(methods, " "), "ACK=4 BYE=1 INVITE=4 REGISTER=1"; got != want {
		t.Errorf("methods = %s, want %s", got, want)
	}
	var responses []string
	for _, r := range rep.Responses {
		responses = append(responses, itoa(uint64(r.Code))+" "+r.Reason+" "+string(r.Category)+" "+string(r.Severity)+" "+itoa(r.Count))
	}
	wantResponses := []string{
		"100 Trying ok normal 4",
		"180 Ringing ok normal 2",
		"200 OK ok normal 2",
		"401 Unauthorized auth.challenge normal 1",
		"403 Insufficient funds billing.funds fault 1",
		"486 Busy Here callee.busy normal 1",
		"503 Out of capacity capacity.overload fault 1",
	}
	if !slices.Equal(responses, wantResponses) {
		t.Errorf("responses:\n%s\nwant:\n%s", strings.Join(responses, "\n"), strings.Join(wantResponses, "\n"))
	}
	if c := rep.Calls; c.Total != 4 || c.Answered != 1 || c.Failed != 3 || c.Cancelled != 0 {
		t.Errorf("calls = %+v, want 4 total, 1 answered, 3 failed", c)
	}
	if r := rep.Registrations; r.Total != 1 || r.Failed != 1 {
		t.Errorf("registrations = %+v, want 1 failed", r)
	}
	if len(rep.Inputs) != 1 || len(rep.Inputs[0].Errors) != 0 {
		t.Errorf("inputs = %+v, want lo without errors (kernel drops)", rep.Inputs)
	}

	// The saved packets give the same report offline.
	var offline bytes.Buffer
	if code := run([]string{"report", "--format", "json", pcap}, strings.NewReader(""), &offline, io.Discard); code != exitOK {
		t.Fatalf("report on the saved capture: exit %d", code)
	}
	saved := lastReport(t, offline.String())
	if saved.Totals != want {
		t.Errorf("saved capture totals = %+v, want %+v", saved.Totals, want)
	}
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }

// lastReport decodes the JSON objects of out and returns the last.
func lastReport(t *testing.T, out string) *report.Report {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	var last *report.Report
	for {
		var r report.Report
		if err := dec.Decode(&r); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			t.Fatalf("decode output: %v\n%s", err, out)
		}
		last = &r
	}
	if last == nil {
		t.Fatalf("no report in output: %q", out)
	}
	return last
}

// TestLiveLoopbackJSONL checks the per-message output: one JSON object per message sent,
// with the codes, reason phrases and diagnoses of the responses, in the order they were sent.
func TestLiveLoopbackJSONL(t *testing.T) {
	skipUnlessCapture(t)
	uasPort, uacPort := liveBasePort+2, liveBasePort+3
	wait, stderr := startLive(t, "-i", "lo", "--filter", fmt.Sprintf("udp portrange %d-%d", uasPort, uacPort),
		"--format", "jsonl", "--count", "22", "--duration", "30s")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	startUAS(t, ctx, "udp", uasPort)
	runUAC(t, ctx, "udp", uasPort, uacPort)
	code, out := wait()
	if code != exitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr.String())
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r report.MessageRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if r.Input != "lo" || r.Transport != "udp" || r.Retransmission {
			t.Errorf("unexpected record %+v", r)
		}
		if r.Kind == "request" {
			got = append(got, r.Method)
		} else {
			got = append(got, strconv.Itoa(r.Code)+" "+r.Reason+" "+string(r.Category))
		}
	}
	want := []string{
		"INVITE", "100 Trying ok", "180 Ringing ok", "486 Busy Here callee.busy", "ACK",
		"INVITE", "100 Trying ok", "403 Insufficient funds billing.funds", "ACK",
		"INVITE", "100 Trying ok", "503 Out of capacity capacity.overload", "ACK",
		"INVITE", "100 Trying ok", "180 Ringing ok", "200 OK ok", "ACK", "BYE", "200 OK ok",
		"REGISTER", "401 Unauthorized auth.challenge",
	}
	if !slices.Equal(got, want) {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The final report goes to stderr, with the kernel's drop counter.
	if !strings.Contains(stderr.String(), "kernel drops: 0") {
		t.Errorf("stderr has no final status line: %s", stderr.String())
	}
}

func TestLiveUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"live"}, "-i IFACE is required"},
		{[]string{"live", "-i", "no-such-if0"}, `no interface "no-such-if0"; available: any, `},
		{[]string{"live", "-i", "lo", "--filter", "ether host 1"}, `--filter: filter "ether host 1": unsupported "ether"`},
		{[]string{"live", "-i", "lo", "--format", "csv"}, `--format "csv": want one of table, json, jsonl`},
		{[]string{"live", "-i", "lo", "--interval", "0s"}, "--interval must be positive"},
		{[]string{"live", "-i", "any", "--promisc"}, "--promisc needs a named interface"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		code := run(tt.args, strings.NewReader(""), io.Discard, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr.String(), exitUsage, tt.want)
		}
	}
}

// TestLiveLoopbackTCP runs the same dialogs over TCP: stream reassembly and framing live.
func TestLiveLoopbackTCP(t *testing.T) {
	skipUnlessCapture(t)
	uasPort, uacPort := liveBasePort+4, liveBasePort+5
	// The UAC's connection comes from an ephemeral port; the UAS port is in every packet.
	wait, stderr := startLive(t, "-i", "lo", "--filter", fmt.Sprintf("tcp port %d", uasPort),
		"--format", "jsonl", "--count", "22", "--duration", "30s")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	startUAS(t, ctx, "tcp", uasPort)
	runUAC(t, ctx, "tcp", uasPort, uacPort)
	code, out := wait()
	if code != exitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr.String())
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r report.MessageRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if r.Transport != "tcp" {
			t.Errorf("record on %s, want tcp: %+v", r.Transport, r)
		}
		if r.Kind == "response" {
			got = append(got, strconv.Itoa(r.Code)+" "+r.Reason+" "+string(r.Category))
		} else {
			got = append(got, r.Method)
		}
	}
	slices.Sort(got)
	want := []string{"100 Trying ok", "100 Trying ok", "100 Trying ok", "100 Trying ok",
		"180 Ringing ok", "180 Ringing ok", "200 OK ok", "200 OK ok",
		"401 Unauthorized auth.challenge", "403 Insufficient funds billing.funds",
		"486 Busy Here callee.busy", "503 Out of capacity capacity.overload",
		"ACK", "ACK", "ACK", "ACK", "BYE", "INVITE", "INVITE", "INVITE", "INVITE", "REGISTER"}
	if !slices.Equal(got, want) {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLiveMetrics scrapes the Prometheus endpoint while the capture runs.
func TestLiveMetrics(t *testing.T) {
	skipUnlessCapture(t)
	uasPort, uacPort := liveBasePort+6, liveBasePort+7
	wait, stderr := startLive(t, "-i", "lo", "--filter", fmt.Sprintf("udp portrange %d-%d", uasPort, uacPort),
		"--format", "json", "--interval", "100ms", "--duration", "3s", "--metrics", "127.0.0.1:0")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	startUAS(t, ctx, "udp", uasPort)
	runUAC(t, ctx, "udp", uasPort, uacPort)

	_, rest, ok := strings.Cut(stderr.String(), "metrics on ")
	url, _, _ := strings.Cut(rest, "\n")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("no metrics address on stderr: %s", stderr.String())
	}
	var body string
	for try := 0; try < 50; try++ { // the capture loop may still be reading the last packets
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body = string(b)
		if strings.Contains(body, `sipscan_sip_messages_total{kind="response",method="REGISTER"} 1`) &&
			strings.Contains(body, "sipscan_capture_packets_total 22") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, want := range []string{
		`sipscan_sip_responses_total{category="billing.funds",class="4xx",code="403",severity="fault"} 1`,
		`sipscan_sip_responses_total{category="ok",class="1xx",code="100",severity="normal"} 4`,
		`sipscan_sip_messages_total{kind="request",method="INVITE"} 4`,
		`sipscan_sip_messages_total{kind="response",method="REGISTER"} 1`,
		"sipscan_capture_packets_total 22",
		"sipscan_capture_dropped_packets_total 0",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s\n%s", want, body)
		}
	}
	if code, _ := wait(); code != exitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr.String())
	}
}

func TestMetricsAddr(t *testing.T) {
	for in, want := range map[string]string{
		"9464":         "127.0.0.1:9464",
		":9464":        "127.0.0.1:9464",
		"0.0.0.0:9464": "0.0.0.0:9464",
		"[::1]:9464":   "[::1]:9464",
	} {
		if got := metricsAddr(in); got != want {
			t.Errorf("metricsAddr(%q) = %q, want %q", in, got, want)
		}
	}
}
