package classify

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode"
)

func newTestClassifier(t testing.TB) *Classifier {
	t.Helper()
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestHeldOutPhrases measures the rules on phrases they were not written from: reason
// phrases of public proxy configurations and carrier help pages, Q.850 cause texts and
// FreeSWITCH cause names sent as phrases. The accuracy is logged; below 90% fails.
func TestHeldOutPhrases(t *testing.T) {
	c := newTestClassifier(t)
	right, total := fileAccuracy(t, c, "heldout.tsv")
	acc := float64(right) / float64(total)
	t.Logf("held-out accuracy: %d/%d = %.1f%%", right, total, 100*acc)
	if acc < 0.90 {
		t.Errorf("held-out accuracy %.1f%% is below 90%%", 100*acc)
	}
}

// freshMinAccuracy, fresh2MinAccuracy and fresh3MinAccuracy are the accuracies measured on
// testdata/fresh.tsv (194/211), testdata/fresh2.tsv (148/159) and testdata/fresh3.tsv
// (160/165) when the rules were last changed (see the package documentation). They are
// measurements, not goals: the tests fail only when a change makes the rules do worse on these
// phrases than they did.
const (
	freshMinAccuracy   = 0.919
	fresh2MinAccuracy  = 0.930
	fresh3MinAccuracy  = 0.969
	fresh4MinAccuracy  = 0.938 // first scored at 91/115 = 79.1%, before any rule was written from it; 107/114 since a row its source never sends was dropped
	fresh5MinAccuracy  = 0.857 // first scored at 55/77 = 71.4%, before any rule was written from it
	fresh6MinAccuracy  = 0.909 // first scored at 38/55 = 69.1%, before any rule was written from it
	fresh7MinAccuracy  = 1.0   // first scored at 4/9 = 44.4%, before any rule was written from it
	fresh8MinAccuracy  = 0.943 // first scored at 63/88 = 71.6%, before any rule was written from it
	fresh9MinAccuracy  = 0.921 // first scored at 49/64 = 76.6%, before any rule was written from it
	fresh10MinAccuracy = 0.964 // first scored at 47/56 = 83.9%, before any rule was written from it
	fresh11MinAccuracy = 0.880 // first scored at 50/67 = 74.6%, before any rule was written from it
	fresh12MinAccuracy = 0.847 // first scored at 35/46 = 76.1%, before any rule was written from it
	fresh13MinAccuracy = 0.857 // first scored at 6/7, before any rule could be written from it
	fresh14MinAccuracy = 1.0   // first scored at 41/42 = 97.6%, before any rule was written from it
	fresh15MinAccuracy = 1.0   // first scored at 3/3, before any rule could be written from it
	fresh16MinAccuracy = 0.916 // first scored at 35/48 = 72.9%, before any rule was written from it
	fresh17MinAccuracy = 0.666 // first scored at 6/9, before any rule could be written from it
	fresh18MinAccuracy = 0.935 // first scored at 25/31 = 80.6%, before any rule was written from it
	fresh19MinAccuracy = 0.882 // first scored at 25/34 = 73.5%, before any rule was written from it
	fresh20MinAccuracy = 0.875 // first scored at 5/8, before any rule could be written from it
	fresh21MinAccuracy = 0.686 // first scored at 27/51 = 52.9%, before any rule was written from it
	fresh22MinAccuracy = 0.913 // first scored at 19/23 = 82.6%, before any rule was written from it
	fresh23MinAccuracy = 0.704 // first scored at 29/44 = 65.9%, before any rule was written from it
	fresh24MinAccuracy = 0.695 // first scored at 15/23 = 65.2%, before any rule was written from it
	fresh25MinAccuracy = 0.741 // first scored at 19/31 = 61.3%, before any rule was written from it
	fresh26MinAccuracy = 0.714 // first scored at 5/7, before any rule could be written from it
	fresh27MinAccuracy = 0.860 // first scored at 29/43 = 67.4%, before any rule was written from it
	fresh28MinAccuracy = 0.871 // first scored at 62/78 = 79.5%, before any rule was written from it
	fresh29MinAccuracy = 1.0   // first scored at 5/5
	fresh30MinAccuracy = 1.0   // first scored at 8/9
	fresh31MinAccuracy = 1.0   // first scored at 3/5
	fresh32MinAccuracy = 1.0   // first scored at 20/26 = 76.9%, before any rule was written from it
	fresh33MinAccuracy = 0.894 // first scored at 12/19 = 63.2%, before any rule was written from it
	fresh34MinAccuracy = 1.0   // first scored at 13/15
	fresh35MinAccuracy = 0.923 // first scored at 10/13, before any rule was written from it
	fresh36MinAccuracy = 0.666 // first scored at 2/3, before any rule could be written from it
	fresh37MinAccuracy = 0.937 // first scored at 11/16 = 68.8%, before any rule was written from it
	fresh38MinAccuracy = 0.818 // first scored at 7/11 = 63.6%, before any rule was written from it
	fresh39MinAccuracy = 0.888 // first scored at 8/9
	fresh40MinAccuracy = 1.0   // first scored at 24/25
	fresh41MinAccuracy = 0.937 // first scored at 14/16
	fresh42MinAccuracy = 1.0   // first scored at 6/8, before the categories a code rules out
	fresh43MinAccuracy = 1.0   // first scored at 14/17, before any rule was written from it
	fresh44MinAccuracy = 1.0   // first scored at 1/2
	fresh45MinAccuracy = 1.0   // first scored at 27/28
	fresh46MinAccuracy = 0.947 // first scored at 17/19
	fresh47MinAccuracy = 1.0   // first scored at 11/13
	fresh48MinAccuracy = 1.0   // first scored at 4/5
)

// composedMinAccuracy is the accuracy measured on testdata/composed.tsv (4667/4687), phrases
// worded for the purpose the way carriers word them (terse, with detail after the standard
// phrase, as vendor constants, typos, in about seventy languages, with words that usually mean
// another category), each labelled before the classifier saw it; 4335 of them were written by
// a second person from the taxonomy alone, without the rules at hand. Scored once with the
// rules as they stood: 4080/4687 (87.0%; 3761/4335, 86.8%, on the second person's), against
// 361/937 (38.5%) for the codes' defaults alone on the first 937; rules were then written from
// the errors with one reading. The last rounds, each scored before rules were written from it:
// 75/110 (68.2%) on wordings in 28 languages made hard on purpose; 88/100 on plain wordings in
// 33 languages (84/100 with the rules before); 95/110 on English wordings of named platforms
// made hard on purpose; 88/100 on operators' and carriers' wordings in 47 languages (82/100 with
// the rules of two rounds before); 94/110 on the wordings B2BUAs, SIP servers, conference
// bridges and CPaaS platforms use in their own code; 86/100 on terse wordings in 28 languages
// (80/100 with the rules of two rounds before); 88/110 on mobile and IMS networks' English
// wordings made hard on purpose (34/110 for the codes' defaults); 64/100 on what phones, ATAs,
// home routers and small carriers show in 44 languages, many of them new to the rules (62/100
// with the rules of three rounds before, 49/100 for the codes' defaults); 79/100 on what national
// carriers, cable operators and call centres send in the twenty languages of the largest
// markets, made hard on purpose (49/100 for the codes' defaults); 83/110 on what SIP trunk
// providers and wholesale carriers send their customers, made hard on purpose (28/110 for the
// codes' defaults); 86/100 on what IP-PBXs, UC platforms and contact centres tell their
// administrators, made hard on purpose (42/100 for the codes' defaults); 91/100 on machine
// identifiers and log-style keys (snake case, camel case, key=value, error numbers) made hard on
// purpose (59/100 for the codes' defaults); 96/100 on what wholesale carriers, transit
// exchanges and fraud systems tell the carriers that send them traffic, made hard on purpose
// (64/100 for the codes' defaults); 92/100 on what administrators write by hand in the routing
// scripts of open-source SIP servers, made hard on purpose (65/100 for the codes' defaults);
// 84/100 on a standard phrase followed by a detail in one of 30 languages or English, made
// hard on purpose (38/100 for the codes' defaults); 88/100 on vertical voice platforms (inmate
// calling, hospitals, hotels, government networks, number masking, emergency routing), made
// hard on purpose (69/100 for the codes' defaults); 90/100 on carriers, cloud PBXs and
// device makers of Asian markets in 15 languages and their scripts, made hard on purpose
// (65/100 for the codes' defaults); 94/100 on phrases full of numbers, addresses, IDs and
// counters around the cause, made hard on purpose (63/100 for the codes' defaults); 90/100 on
// what cloud calling services tell their customers' SBCs and PBXs, made hard on purpose
// (67/100 for the codes' defaults); 94/100 on answers to requests other than a first INVITE,
// the method named (68/100 for the codes' defaults); 87/100 on interworking gateways to ISDN,
// SS7 and mobile networks, made hard on purpose (67/100 for the codes' defaults); 81/100 on
// Spanish and Portuguese carriers' own idiom (67/100 for the codes' defaults); 79/100 on 24
// languages of Central and Eastern Europe, the CIS, Turkey, the Middle East and Africa (65/100
// for the codes' defaults), both made hard on purpose; 88/100 on nine languages of Western and
// Northern Europe (66/100 for the codes' defaults); 89/100 on Russian and Chinese softswitches
// and operators (68/100 for the codes' defaults), both made hard on purpose; 87/100 on Japanese
// and Korean (66/100 for the codes' defaults); 88/100 on Arabic, Turkish, Persian and Hebrew
// (69/100 for the codes' defaults), both made hard on purpose; 92/100 on the English of
// non-native writers (70/100 for the codes' defaults); 89/100 on twelve languages of Southeast
// and South Asia (64/100 for the codes' defaults), both made hard on purpose; 90/100 on German
// and Dutch (66/100 for the codes' defaults); 87/100 on French and Italian (66/100 for the
// codes' defaults), both made hard on purpose; 89/100 on nine languages of Central and
// South-Eastern Europe (65/100 for the codes' defaults); 78/100 on the Nordic and Baltic
// languages and Greek (64/100 for the codes' defaults), both made hard on purpose; 85/100 on
// session border controllers' own rejections (65/100 for the codes' defaults); 88/100 on
// rejections for regulation and compliance in ten countries (72/100 for the codes'
// defaults), both made hard on purpose; 93/100 on Brazilian and European Portuguese (69/100
// for the codes' defaults); 88/100 on the Spanish of six countries (64/100 for the codes'
// defaults), both made hard on purpose. Fourteen rounds written blind (without the rules or any
// search), 1,605 phrases: 1443 right the first time (979 for the codes' defaults); the file
// then read 6255/6292 (99.4%): the rounds made hard on purpose in other languages keep a
// few phrases whose heading restates the code before the cause (see doc.go). With 59 blind
// rounds (6,738 phrases, 6221 right the first time) the file reads 11371/11425 (99.5%).
const composedMinAccuracy = 0.994

// TestComposedPhrases keeps the rules from doing worse on the composed wordings. They measure
// coverage of the ways a cause is put into words, not accuracy on real vendors.
func TestComposedPhrases(t *testing.T) {
	requireAccuracy(t, newTestClassifier(t), "composed.tsv", composedMinAccuracy)
}

// composedProbesMinAccuracy is the accuracy measured on testdata/composed-probes.tsv
// (161/172): plain carrier wordings, switch constants and abbreviations, request parts named
// by their topic on protocol codes, plain causes in twelve languages, written to probe the
// rules' vocabulary; 151/172 with the rules before rules were written from them.
const composedProbesMinAccuracy = 0.936

func TestComposedProbes(t *testing.T) {
	requireAccuracy(t, newTestClassifier(t), "composed-probes.tsv", composedProbesMinAccuracy)
}

// composedHeadingsMinAccuracy is the accuracy measured on testdata/composed-headings.tsv
// (258/345): three rounds written blind, every phrase hard on purpose, mostly the code's
// standard phrase in Spanish, Portuguese, Arabic, Turkish, Hindi, Persian, German, Dutch,
// Polish or Czech as a heading before a cause of another category; scored once (255/345 the
// first time, 258/345 after those headings were made plain statuses) and not fitted (see
// doc.go).
const composedHeadingsMinAccuracy = 0.747

func TestComposedHeadings(t *testing.T) {
	requireAccuracy(t, newTestClassifier(t), "composed-headings.tsv", composedHeadingsMinAccuracy)
}

// fileAccuracy classifies the rows of testdata/file as scorePhrases does and counts the right
// ones.
func fileAccuracy(t *testing.T, c *Classifier, file string) (right, total int) {
	t.Helper()
	rows := readPhrases(t, filepath.Join("testdata", file))
	for _, ok := range scorePhrases(t, c, file, rows) {
		if ok {
			right++
		}
	}
	return right, len(rows)
}

// requireAccuracy logs the accuracy on testdata/file and fails when it is below min, the
// accuracy measured when the rules were last changed.
func requireAccuracy(t *testing.T, c *Classifier, file string, min float64) {
	t.Helper()
	right, total := fileAccuracy(t, c, file)
	acc := float64(right) / float64(total)
	t.Logf("%s accuracy: %d/%d = %.1f%%", file, right, total, 100*acc)
	if acc < min {
		t.Errorf("%s accuracy %.1f%% is below the measured %.1f%%", file, 100*acc, 100*min)
	}
}

// scorePhrases classifies every row as the answer to its method (an INVITE unless the row's
// fifth column names another) and reports, per row, whether the category is the labelled one;
// misclassified rows are logged with file and line.
func scorePhrases(t *testing.T, c *Classifier, file string, rows []phraseRow) []bool {
	t.Helper()
	right := make([]bool, len(rows))
	for i, row := range rows {
		d := c.Classify(&Response{Code: row.code, Reason: row.phrase, Method: row.method})
		if right[i] = d.Category == row.category; !right[i] {
			t.Logf("%s:%d: %d %q to %s = %s (rule %s), labelled %s", file, row.line, row.code, row.phrase, row.method, d.Category, d.Rule, row.category)
		}
	}
	return right
}

// freshHalf splits fresh.tsv by the FNV-1a hash of the phrase: half A served to develop the
// rules, half B was scored once afterwards and is the generalisation figure.
func freshHalf(phrase string) string {
	h := fnv.New32a()
	h.Write([]byte(phrase))
	if h.Sum32()%2 == 0 {
		return "A"
	}
	return "B"
}

// TestFreshPhrases measures the rules on testdata/fresh.tsv, reason phrases from sources the
// rules were not written from, labelled from the taxonomy before the classifier saw them.
// Misclassified rows are logged; the accuracy must not fall below the measured one.
func TestFreshPhrases(t *testing.T) {
	c := newTestClassifier(t)
	rows := readPhrases(t, filepath.Join("testdata", "fresh.tsv"))
	right := map[string]int{}
	total := map[string]int{}
	for i, ok := range scorePhrases(t, c, "fresh.tsv", rows) {
		half := freshHalf(rows[i].phrase)
		total[half]++
		if ok {
			right[half]++
		}
	}
	for _, half := range []string{"A", "B"} {
		t.Logf("fresh half %s: %d/%d = %.1f%%", half, right[half], total[half], 100*float64(right[half])/float64(total[half]))
	}
	acc := float64(right["A"]+right["B"]) / float64(len(rows))
	t.Logf("fresh accuracy: %d/%d = %.1f%%", right["A"]+right["B"], len(rows), 100*acc)
	if acc < freshMinAccuracy {
		t.Errorf("fresh accuracy %.1f%% is below the measured %.1f%%", 100*acc, 100*freshMinAccuracy)
	}
}

// TestLaterBatches measures the rules on reason phrases gathered after the rules were first
// written, each batch from sources used for none of the files before it, labelled from the
// taxonomy before the classifier saw them, and scored once before rules were written from its
// errors (the package documentation gives both figures). Misclassified rows are logged; the
// accuracy must not fall below the measured one.
func TestLaterBatches(t *testing.T) {
	c := newTestClassifier(t)
	for _, batch := range []struct {
		file string
		min  float64
	}{
		// Batch C: switch and SBC sources, Cisco's SIP stack, Korean and Japanese translations.
		{"fresh2.tsv", fresh2MinAccuracy},
		// Batch D: Lync/Skype for Business ms-diagnostics reasons, a CPaaS's SIP error texts,
		// SBC and firewall documents, handset status texts, and translations into Polish,
		// Spanish, German, Korean, Chinese and Arabic.
		{"fresh3.tsv", fresh3MinAccuracy},
		// Batch E: MCU disconnection texts, programs built on Go, JavaScript, Erlang and Python
		// SIP stacks (Chinese GB28181 servers, a Russian softphone, Slovak phrases), a French
		// carrier's diagnostic guide.
		{"fresh4.tsv", fresh4MinAccuracy},
		// Batch F: phrases SIP Servlet applications, Python, C++, Erlang and JavaScript stacks,
		// a Kamailio-based router and GB28181 platforms put in the responses they send.
		{"fresh5.tsv", fresh5MinAccuracy},
		// Batch G: Chinese GB28181 and call-centre error pages, Russian CRM call-history texts,
		// Brazilian routers, SBCs and billing, a Polish provider, a Korean SIP stack.
		{"fresh6.tsv", fresh6MinAccuracy},
		// Batch H: a CPaaS trunking service's hangup-code table, an SDK's status table, SIP
		// stacks in Go, Python and JavaScript not used before.
		{"fresh7.tsv", fresh7MinAccuracy},
		// Batch I: SIP software shipped as Debian packages: Kamailio's modules, documentation
		// and example routes, sofia-sip's transaction and session layers, ejabberd's SIP
		// registrar, SIPp's built-in scenarios.
		{"fresh8.tsv", fresh8MinAccuracy},
		// Batch J: SIP stacks and applications shipped as Debian, npm and Go packages not used
		// before: JsSIP, twinkle, liblinphone and belle-sip, libre and baresip, JAIN-SIP,
		// Net::SIP, drachtio, jambonz and a drachtio call manager.
		{"fresh9.tsv", fresh9MinAccuracy},
		// Batch K: a Lync/Skype for Business plug-in and a telepathy SIP connection manager
		// shipped by Debian, two CPaaS browser SDKs' SIP error tables from npm.
		{"fresh10.tsv", fresh10MinAccuracy},
		// Batch L: an Erlang SIP stack shipped by Debian, a GSM-to-SIP gateway, a PBX suite's
		// stack and proxy, a carrier platform's call responses, WebRTC gateways, conference
		// bridges, a CPaaS's SBC and feature server, two parsers, desk phones.
		{"fresh11.tsv", fresh11MinAccuracy},
		// Batch M: a PBX written in Rust, an open-source GSM base station's cause names, a
		// telephony engine's call queues and registrar, a B2BUA service.
		{"fresh12.tsv", fresh12MinAccuracy},
		// Batch N: phrases carriers and PBXs sent, as quoted in issue threads and a support
		// article (7 rows: the searchable pages gave little that earlier files did not hold).
		{"fresh13.tsv", fresh13MinAccuracy},
		// Batch P: an Erlang SIP proxy's own phrases, a desktop softphone's Russian texts for
		// the codes it receives (mostly the standard phrases translated).
		{"fresh14.tsv", fresh14MinAccuracy},
		// Batch Q: status lines pasted from real traffic into public notes and a scanner's
		// probe (3 rows: the searchable traces held little the files above did not).
		{"fresh15.tsv", fresh15MinAccuracy},
		// Batch R: SIP proxies' configurations and modules (reply strings of example and
		// production routing scripts, a sanity checker, IMS proxies), a media server, a PBX
		// sample; the rows that answer a REGISTER or a BYE name the method in a fifth column.
		{"fresh16.tsv", fresh16MinAccuracy},
		// Batch S: status lines quoted in issue threads and pull requests, a provider's
		// sample replies, a carrier's answer to OPTIONS (9 rows: what the search reaches was
		// nearly all in the files above).
		{"fresh17.tsv", fresh17MinAccuracy},
		// Batch T: a cloud carrier's published list of the responses its platform sends, with
		// its cause tags, and status lines quoted in issue threads and pull requests (an IMS
		// network's answer to REGISTER, a UC platform's direct-routing replies, a telephony
		// platform's 569).
		{"fresh18.tsv", fresh18MinAccuracy},
		// Batch U: what less-known SIP stacks and servers send, read from their code: a media
		// platform's SIP bridge, a Java registrar, a hosted platform's proxy configuration, a
		// .NET SIP stack's registrar, proxy and dialogs, a Ruby outbound proxy and its examples,
		// a call-centre server's Chinese replies.
		{"fresh19.tsv", fresh19MinAccuracy},
		// Batch V: replies SIP stacks and applications build in their code (a browser's SIP
		// stack, an Erlang SIP framework, a registrar module, a Java proxy, a servlet registrar,
		// webhook-driven applications; 8 rows: about 115 searches found nearly everything in
		// the files above).
		{"fresh20.tsv", fresh20MinAccuracy},
		// Batch W: status lines in configuration scripts and browser phones' code, and what
		// Chinese call-centre servers, GB28181 video platforms and .NET soft switches send;
		// both collectors found about 70-90% of what they read already in the files above.
		{"fresh21.tsv", fresh21MinAccuracy},
		// Batch X: proxies' routing scripts in Kamailio's embedded languages (Python, Lua) and
		// its configuration language, reached by extending the reply call's text letter by
		// letter past the search's first ten hits.
		{"fresh22.tsv", fresh22MinAccuracy},
		// Batch Y: replies built by a .NET SIP stack's applications, a C SIP stack's samples and
		// applications, and a Go SIP stack's server, reached the same way.
		{"fresh23.tsv", fresh23MinAccuracy},
		// Batch Z: what the same letter-by-letter search still found: whole proxy scripts read
		// past their search hits, older .NET server code, a C++ proxy, a C user agent library,
		// browser phones, an ACD (23 rows: about 94% and 80% of the candidates were known).
		{"fresh24.tsv", fresh24MinAccuracy},
		// Batch Z2: whole SIP applications' and configurations' files read past their search
		// hits (Go gateways and PBXs, an SBC and registrar, a load balancer, a recorder), and
		// status lines quoted in issue threads and documentation.
		{"fresh25.tsv", fresh25MinAccuracy},
		// Batch Z3: replies a SIP library installed from Debian builds, read from its binary
		// where the phrase is paired with the status (7 rows).
		{"fresh26.tsv", fresh26MinAccuracy},
		// Batch Z4: vendors' and carriers' documents, issue threads, forums and SIP software in
		// languages little read before (a SIP-to-modem gateway, an AI voice gateway, Erlang,
		// Ruby and Java SIP servers, Lua and Python proxy scripts); 75-90% of the candidates
		// were known.
		{"fresh27.tsv", fresh27MinAccuracy},
		// Batch Z5: whole packages rather than search hits: Debian builds of a PBX's SIP channel
		// and a proxy's documentation and modules, a Go video platform's GB28181 server and
		// other Go SIP applications, npm softphones (mostly requests the peer got wrong).
		{"fresh28.tsv", fresh28MinAccuracy},
		// Batch Z6: a PBX's source as Debian ships it, read whole, and the SIP stack bundled
		// with it (5 rows: about 96 of the candidates were known).
		{"fresh29.tsv", fresh29MinAccuracy},
		// Batch Z7: Erlang SIP stacks' dialog, registrar and transaction replies and a proxy's
		// scripting examples (9 rows: Debian ships little SIP in scripting languages).
		{"fresh30.tsv", fresh30MinAccuracy},
		// Batch Z8: a softswitch's result-code page, routing scripts of a cloud switch and a
		// billing SBC's proxy configuration (5 rows: 73 of 77 and 17 of 28 candidates known).
		{"fresh31.tsv", fresh31MinAccuracy},
		// Batch Z9: IMS cores' configurations and code (an open IMS core's emergency and
		// location functions, a cloud IMS core's S-CSCF), billing and voicemail applications
		// of a SIP media server, a softswitch's routing (114 of about 150 candidates known).
		{"fresh32.tsv", fresh32MinAccuracy},
		// Batch Z10: SIP stacks and plugins little read: a token-authentication plugin of a
		// proxy, a Rust call engine, an old fork of a SIP library's REFER and NOTIFY handling,
		// a softphone library (about 90 of 125 candidates known).
		{"fresh33.tsv", fresh33MinAccuracy},
		// Batch Z11: Debian's SIP softphones and libraries read from their source packages,
		// devices' answers to a scanner's OPTIONS probe, SIP gateways of AI voice agents (about
		// 230 of 260 candidates known).
		{"fresh34.tsv", fresh34MinAccuracy},
		// Batch Z12: GB28181 platforms and call centres in Chinese projects, a zeek baseline of
		// a public registrar's capture, a media server's header checks (11 and 2 rows; about
		// 110 of 130 candidates known).
		{"fresh35.tsv", fresh35MinAccuracy},
		// Batch Z13: proxies' routing scripts in small repositories (KEMI, cfg, Go handlers;
		// 3 rows: about 71 of 82 candidates known).
		{"fresh36.tsv", fresh36MinAccuracy},
		// Batch Z14: the phone side of mobile networks: a handset's IMS stack (what it answers
		// an incoming INVITE it cannot take, what it reads in the network's 403 and 503), a
		// carrier's settings that quote its network's reason texts (about 6 of 45 candidates
		// known; 16 rows a collector was unsure of dropped).
		{"fresh37.tsv", fresh37MinAccuracy},
		// Batch Z15: call-handling middleware in CoffeeScript, a rating engine's replies, a
		// softswitch's defaults for its hangup causes, a servlet sample (about 51 of 94
		// candidates known; 11 rows a collector was unsure of dropped).
		{"fresh38.tsv", fresh38MinAccuracy},
		// Batch Z16: open-source SBCs and B2BUAs in an SBC's place (a media server's SBC
		// application, a PBX's bridge to SIP trunk providers) and two status lines with typos
		// from a hand-written responder (about 110 candidates known, most of them specifications'
		// phrases; 8 rows a collector was unsure of and 13 Reason-header texts dropped).
		{"fresh39.tsv", fresh39MinAccuracy},
		// Batch Z17: large older open-source telephony suites read file by file: a PBX suite's
		// proxy, registrar, status and pick-up servers, a proxy library's repro and registration
		// usage, a B2BUA engine behind an SBC, a research softphone (27 candidates known; 9
		// rows a collector was unsure of dropped).
		{"fresh40.tsv", fresh40MinAccuracy},
		// Batch Z18: carrier platforms built on open-source proxies read file by file: a cloud
		// PBX's proxy roles (registrar, pick-up, presence, push), a class-4 switch's media
		// negotiation, a PBX suite's park server, a carrier platform's media-server
		// applications and test scenarios (about 48 candidates known; 7 rows a collector was
		// unsure of dropped).
		{"fresh41.tsv", fresh41MinAccuracy},
		// Batch Z19: SIP servlet containers and Java call managers read file by file (about 43
		// candidates known; 4 rows a collector was unsure of dropped).
		{"fresh42.tsv", fresh42MinAccuracy},
		// Batch Z20: Go and Rust SIP servers read file by file: SIPREC recording servers, a
		// softphone, a session-timer server, B2BUAs and registrars on a Go SIP library (about 95
		// candidates known; 9 rows a collector was unsure of dropped).
		{"fresh43.tsv", fresh43MinAccuracy},
		// Batch Z21: the INFO handling of a PBX's SIP channel, read past where searches reach
		// (about 160 candidates known; 3 rows a collector was unsure of dropped).
		{"fresh44.tsv", fresh44MinAccuracy},
		{"fresh45.tsv", fresh45MinAccuracy},
		{"fresh46.tsv", fresh46MinAccuracy},
		{"fresh47.tsv", fresh47MinAccuracy},
		{"fresh48.tsv", fresh48MinAccuracy},
	} {
		t.Run(batch.file, func(t *testing.T) {
			requireAccuracy(t, c, batch.file, batch.min)
		})
	}
}

func TestCategories(t *testing.T) {
	want := []Category{
		"ok", "auth.challenge", "auth.credentials", "policy.forbidden", "security.identity",
		"billing.funds", "route.no-route", "number.invalid", "callee.busy", "callee.declined",
		"callee.unavailable", "request.cancelled", "media.codec", "nat.private-address",
		"capacity.overload", "capacity.rate-limit", "backend.database", "server.error",
		"network.unreachable", "protocol.error",
	}
	cats := Categories()
	if len(cats) != len(want) {
		t.Fatalf("%d categories, want %d", len(cats), len(want))
	}
	normal := map[Category]bool{"ok": true, "auth.challenge": true, "number.invalid": true, "callee.busy": true,
		"callee.declined": true, "callee.unavailable": true, "request.cancelled": true}
	for i, ci := range cats {
		if ci.Name != want[i] {
			t.Errorf("category %d = %q, want %q", i, ci.Name, want[i])
		}
		wantSev := SeverityFault
		if normal[ci.Name] {
			wantSev = SeverityNormal
		}
		if ci.Severity != wantSev {
			t.Errorf("%s severity %s, want %s", ci.Name, ci.Severity, wantSev)
		}
		if ci.Meaning == "" || ci.Fix == "" {
			t.Errorf("%s lacks meaning or fix", ci.Name)
		}
		got, ok := Info(ci.Name)
		if !ok || got != ci {
			t.Errorf("Info(%s) = %v, %v", ci.Name, got, ok)
		}
	}
	if _, ok := Info("auth.password"); ok {
		t.Error("Info accepts an unknown category")
	}
	cats[0].Name = "changed"
	if Categories()[0].Name != CategoryOK {
		t.Error("Categories hands out its own table")
	}
}

func TestCodeTable(t *testing.T) {
	seen := map[int]bool{}
	for _, e := range codeTable {
		if seen[e.code] {
			t.Errorf("code %d listed twice", e.code)
		}
		seen[e.code] = true
		if _, ok := Info(e.category); !ok {
			t.Errorf("code %d: unknown category %q", e.code, e.category)
		}
	}
	registered := []int{100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 305, 380,
		400, 401, 402, 403, 404, 405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417, 420, 421,
		422, 423, 424, 425, 428, 429, 430, 433, 436, 437, 438, 439, 440, 469, 470, 480, 481, 482,
		483, 484, 485, 486, 487, 488, 489, 491, 493, 494, 500, 501, 502, 503, 504, 505, 513, 555,
		580, 600, 603, 604, 606, 607, 608}
	for _, code := range registered {
		if p, ok := StandardPhrase(code); !ok || p == "" {
			t.Errorf("StandardPhrase(%d) = %q, %v", code, p, ok)
		}
	}
	for _, code := range []int{0, 409, 499, 699, 1000} {
		if p, ok := StandardPhrase(code); ok {
			t.Errorf("StandardPhrase(%d) = %q for an unregistered code", code, p)
		}
	}
	if p, _ := StandardPhrase(486); p != "Busy Here" {
		t.Errorf("StandardPhrase(486) = %q", p)
	}
}

func TestCodeDefaultsAndClasses(t *testing.T) {
	c := newTestClassifier(t)
	tests := []struct {
		code     int
		category Category
		rule     string
		class    string
	}{
		{100, CategoryOK, "class.ok", "1xx"},
		{199, CategoryOK, "class.ok", "1xx"},
		{302, CategoryOK, "class.ok", "3xx"},
		{401, CategoryAuthChallenge, "code.401", "4xx"},
		{403, CategoryPolicyForbidden, "code.403", "4xx"},
		{486, CategoryCalleeBusy, "code.486", "4xx"},
		{488, CategoryMediaCodec, "code.488", "4xx"},
		{503, CategoryCapacityOverload, "code.503", "5xx"},
		{608, CategorySecurityIdentity, "code.608", "6xx"},
		{477, CategoryNetworkUnreachable, "code.477", "4xx"},
		{450, CategoryProtocolError, "class.4xx", "4xx"},
		{599, CategoryServerError, "class.5xx", "5xx"},
		{699, CategoryCalleeDeclined, "class.6xx", "6xx"},
		{703, CategoryNetworkUnreachable, "code.703", "7xx"},
		{0, CategoryProtocolError, "class.other", ""},
		{-5, CategoryProtocolError, "class.other", ""},
		{99999, CategoryProtocolError, "class.other", ""},
	}
	for _, tt := range tests {
		d := c.Classify(&Response{Code: tt.code})
		if d.Category != tt.category || d.Rule != tt.rule || d.Class != tt.class {
			t.Errorf("%d: got %+v, want %s by %s in %q", tt.code, d, tt.category, tt.rule, tt.class)
		}
		info, _ := Info(d.Category)
		if d.Severity != info.Severity {
			t.Errorf("%d: severity %s, category says %s", tt.code, d.Severity, info.Severity)
		}
	}
	if d := c.Classify(nil); d.Category != CategoryProtocolError {
		t.Errorf("nil response: %+v", d)
	}
}

func TestContextRules(t *testing.T) {
	c := newTestClassifier(t)
	tests := []struct {
		name     string
		r        Response
		category Category
		rule     string
		severity Severity
	}{
		{"first 401 is a challenge", Response{Code: 401, Reason: "Unauthorized", Method: "REGISTER"},
			CategoryAuthChallenge, "code.401", SeverityNormal},
		{"403 to REGISTER with a test label", Response{Code: 403, Reason: "Forbidden (scenario 2)", Method: "REGISTER"},
			CategoryAuthCredentials, "context.register-forbidden", SeverityFault},
		{"a domain refused to REGISTER is the device's account", Response{Code: 403, Reason: "Domain not served here", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.register-domain", SeverityFault},
		{"a registrar not responsible for the domain", Response{Code: 403, Reason: "Registrar is not responsible for this domain", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.register-domain", SeverityFault},
		{"an unknown account of a kind to REGISTER", Response{Code: 403, Reason: "Unknown FXS account", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.register-unknown-user", SeverityFault},
		{"a domain refused to INVITE is a relay the policy refuses", Response{Code: 403, Reason: "Domain not served here", Method: "INVITE"},
			CategoryPolicyForbidden, "phrase.policy.not-served", SeverityFault},
		{"a domain suspended to REGISTER stays the policy's", Response{Code: 403, Reason: "Domain suspended", Method: "REGISTER"},
			CategoryPolicyForbidden, "phrase.policy.forbidden", SeverityFault},
		{"a domain not allowed to REGISTER is a refusal by policy", Response{Code: 403, Reason: "Domain example.net is not allowed", Method: "REGISTER"},
			CategoryPolicyForbidden, "phrase.policy.forbidden", SeverityFault},
		{"a client certificate refused to REGISTER is the device's", Response{Code: 403, Reason: "Certificate has expired", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.client-certificate", SeverityFault},
		{"a domain database to REGISTER is the back-end's", Response{Code: 403, Reason: "Domain database unreachable", Method: "REGISTER"},
			CategoryBackendDatabase, "phrase.backend.unresponsive", SeverityFault},
		{"403 to REGISTER with a number", Response{Code: 403, Reason: "Forbidden #12", Method: "REGISTER"},
			CategoryAuthCredentials, "context.register-forbidden", SeverityFault},
		{"403 to REGISTER with words after that no rule reads", Response{Code: 403, Reason: "Forbidden (step three)", Method: "REGISTER"},
			CategoryAuthCredentials, "context.register-forbidden-unread", SeverityFault},
		{"403 to REGISTER with a phrase no rule reads", Response{Code: 403, Reason: "Device not preallocated", Method: "REGISTER"},
			CategoryAuthCredentials, "context.register-forbidden-unread", SeverityFault},
		{"403 to INVITE with a phrase no rule reads", Response{Code: 403, Reason: "Device not preallocated", Method: "INVITE"},
			CategoryPolicyForbidden, "code.403", SeverityFault},
		{"a device not on the allowed list is refused by policy", Response{Code: 403, Reason: "Device not whitelisted", Method: "REGISTER"},
			CategoryPolicyForbidden, "phrase.policy.device-not-listed", SeverityFault},
		{"a source address not on the allowed list is a credential", Response{Code: 403, Reason: "Source IP not whitelisted", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.credentials", SeverityFault},
		{"403 to REGISTER with a cause after", Response{Code: 403, Reason: "Forbidden (wrong password, test 2)", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.credentials", SeverityFault},
		{"labelled 401 after credentials", Response{Code: 401, Reason: "Unauthorized [case 7]", CredentialsSent: true},
			CategoryAuthCredentials, "context.auth-retry-rejected", SeverityFault},
		{"labelled first 407", Response{Code: 407, Reason: "Proxy Authentication Required - test 3"},
			CategoryAuthChallenge, "code.407", SeverityNormal},
		{"404 to REGISTER names an unknown auth user", Response{Code: 404, Reason: "No such auth user in this tenant", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.register-unknown-user", SeverityFault},
		{"a user named unregistered to REGISTER is the account", Response{Code: 404, Reason: "User 2034 not registered", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.register-unknown-user", SeverityFault},
		{"a user named unregistered to INVITE is the callee", Response{Code: 404, Reason: "User 2034 not registered", Method: "INVITE"},
			CategoryCalleeUnavailable, "phrase.callee.named-unregistered", SeverityNormal},
		{"an address of record not found to REGISTER is the account", Response{Code: 404, Reason: "Address of record not found", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.register-unknown-user", SeverityFault},
		{"401 after credentials", Response{Code: 401, Reason: "Unauthorized", Method: "REGISTER", CredentialsSent: true, PriorChallenges: 1},
			CategoryAuthCredentials, "context.auth-retry-rejected", SeverityFault},
		{"407 after credentials", Response{Code: 407, Reason: "Proxy Authentication Required", Method: "INVITE", CredentialsSent: true},
			CategoryAuthCredentials, "context.auth-retry-rejected", SeverityFault},
		{"stale nonce after credentials", Response{Code: 401, Reason: "Unauthorized", CredentialsSent: true, StaleNonce: true},
			CategoryAuthChallenge, "context.auth-stale", SeverityNormal},
		{"401 after credentials, vendor phrase", Response{Code: 401, Reason: "Unauthorised", CredentialsSent: true},
			CategoryAuthCredentials, "context.auth-retry-rejected", SeverityFault},
		{"401 phrase says expired", Response{Code: 401, Reason: "Expired Authorization", CredentialsSent: true},
			CategoryAuthChallenge, "phrase.auth.challenge", SeverityNormal},
		{"407 saying what authentication is for", Response{Code: 407, Reason: "Proxy Authentication Required for outbound route"},
			CategoryAuthChallenge, "phrase.auth.required", SeverityNormal},
		{"407 saying what authentication is for, after credentials", Response{Code: 407, Reason: "Proxy Authentication Required for outbound route", CredentialsSent: true},
			CategoryAuthCredentials, "phrase.auth.required-again", SeverityFault},
		{"401 naming the missing header", Response{Code: 401, Reason: "Unauthorized - credentials required (no Authorization header)"},
			CategoryAuthChallenge, "phrase.auth.required", SeverityNormal},
		{"401 bare rejection after credentials", Response{Code: 401, Reason: "Call rejected", CredentialsSent: true},
			CategoryAuthCredentials, "phrase.auth.rejected", SeverityFault},
		{"401 bare rejection", Response{Code: 401, Reason: "Call rejected"},
			CategoryAuthChallenge, "phrase.auth.bare-rejection", SeverityNormal},
		{"403 to REGISTER", Response{Code: 403, Reason: "Forbidden", Method: "REGISTER"},
			CategoryAuthCredentials, "context.register-forbidden", SeverityFault},
		{"403 to REGISTER, lower case", Response{Code: 403, Reason: "forbidden.", Method: "register"},
			CategoryAuthCredentials, "context.register-forbidden", SeverityFault},
		{"403 to INVITE with credentials", Response{Code: 403, Reason: "Forbidden", Method: "INVITE", CredentialsSent: true},
			CategoryAuthCredentials, "context.forbidden-after-credentials", SeverityFault},
		{"403 to INVITE", Response{Code: 403, Reason: "Forbidden", Method: "INVITE"},
			CategoryPolicyForbidden, "code.403", SeverityFault},
		{"403 to REGISTER with vendor phrase", Response{Code: 403, Reason: "User Disabled", Method: "REGISTER"},
			CategoryPolicyForbidden, "phrase.policy.forbidden", SeverityFault},
		{"404 to REGISTER", Response{Code: 404, Reason: "Not Found", Method: "REGISTER"},
			CategoryAuthCredentials, "context.register-not-found", SeverityFault},
		{"404 to INVITE", Response{Code: 404, Reason: "Not Found", Method: "INVITE"},
			CategoryNumberInvalid, "code.404", SeverityNormal},
		{"404 to REGISTER with a phrase no rule reads", Response{Code: 404, Reason: "Not Found (line 7)", Method: "REGISTER"},
			CategoryAuthCredentials, "context.register-not-found-unread", SeverityFault},
		{"488 to INFO refuses what it carried", Response{Code: 488, Reason: "Nothing to stop", Method: "INFO"},
			CategoryProtocolError, "context.not-acceptable-no-media", SeverityFault},
		{"488 to INVITE is the session description", Response{Code: 488, Reason: "Nothing to stop", Method: "INVITE"},
			CategoryMediaCodec, "code.488", SeverityFault},
		{"487 after CANCEL", Response{Code: 487, Reason: "Request Terminated", Method: "INVITE", CancelSent: true},
			CategoryRequestCancelled, "context.cancel-seen", SeverityNormal},
		{"487 after CANCEL, limit phrase", Response{Code: 487, Reason: "Request Terminated: Channel limit exceeded", Method: "INVITE", CancelSent: true},
			CategoryRequestCancelled, "context.cancel-seen", SeverityNormal},
		{"487 without CANCEL, limit phrase", Response{Code: 487, Reason: "Request Terminated: Channel limit exceeded", Method: "INVITE"},
			CategoryCapacityOverload, "phrase.capacity.named-limit", SeverityFault},
		{"487 without CANCEL", Response{Code: 487, Reason: "Request Terminated", Method: "INVITE"},
			CategoryRequestCancelled, "code.487", SeverityNormal},
		{"481 to BYE is harmless", Response{Code: 481, Reason: "Call/Transaction Does Not Exist", Method: "BYE"},
			CategoryProtocolError, "context.bye-no-transaction", SeverityNormal},
		{"481 to INVITE", Response{Code: 481, Reason: "Call/Transaction Does Not Exist", Method: "INVITE"},
			CategoryProtocolError, "code.481", SeverityFault},
		{"408 to REGISTER", Response{Code: 408, Reason: "Request Timeout", Method: "REGISTER"},
			CategoryNetworkUnreachable, "code.408", SeverityFault},
		// Phrase rules that read the method: a user or identity unknown to a registrar is the
		// caller's account when it answers a REGISTER and the dialled number otherwise.
		{"unknown user to REGISTER", Response{Code: 404, Reason: "Unknown user in To", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.register-unknown-user", SeverityFault},
		{"unknown user to INVITE", Response{Code: 404, Reason: "Unknown user in To", Method: "INVITE"},
			CategoryNumberInvalid, "phrase.number.invalid", SeverityNormal},
		{"identity not registered to REGISTER", Response{Code: 403, Reason: "Identity not registered", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.register-unknown-user", SeverityFault},
		{"unknown in HSS to REGISTER", Response{Code: 404, Reason: "User unknown in HSS", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.register-unknown-user", SeverityFault},
		{"unknown in HSS to REGISTER on 500", Response{Code: 500, Reason: "User unknown in HSS", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.unknown-in-hss", SeverityFault},
		{"unknown in HSS to INVITE", Response{Code: 404, Reason: "User unknown in HSS", Method: "INVITE"},
			CategoryNumberInvalid, "phrase.number.unknown-in-hss", SeverityNormal},
		{"account not provisioned to REGISTER", Response{Code: 404, Reason: "Account not provisioned", Method: "REGISTER"},
			CategoryAuthCredentials, "phrase.auth.register-unknown-user", SeverityFault},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			d := c.Classify(&r)
			if d.Category != tt.category || d.Rule != tt.rule || d.Severity != tt.severity {
				t.Errorf("got %s/%s by %s, want %s/%s by %s", d.Category, d.Severity, d.Rule, tt.category, tt.severity, tt.rule)
			}
		})
	}
}

func TestReasonAndWarning(t *testing.T) {
	c := newTestClassifier(t)
	q := func(cause int) []ReasonCause { return []ReasonCause{{Protocol: "Q.850", Cause: cause}} }
	tests := []struct {
		name     string
		r        Response
		category Category
		rule     string
	}{
		{"480 with cause 17 is busy", Response{Code: 480, Reason: "Temporarily Unavailable", Reasons: q(17)}, CategoryCalleeBusy, "q850.17"},
		{"503 with cause 34", Response{Code: 503, Reason: "Service Unavailable", Reasons: q(34)}, CategoryCapacityOverload, "q850.34"},
		{"403 with cause 21 is declined", Response{Code: 403, Reason: "Forbidden", Reasons: q(21)}, CategoryCalleeDeclined, "q850.21"},
		{"408 with cause 18 is no answer", Response{Code: 408, Reason: "Request Timeout", Reasons: q(18)}, CategoryCalleeUnavailable, "q850.18"},
		{"408 with cause 19", Response{Code: 408, Reasons: q(19)}, CategoryCalleeUnavailable, "q850.19"},
		{"404 with cause 3 is no route", Response{Code: 404, Reason: "Not Found", Reasons: q(3)}, CategoryRouteNoRoute, "q850.3"},
		{"cause 97 in the range rule", Response{Code: 400, Reasons: q(97)}, CategoryProtocolError, "q850.95"},
		{"generic cause 16 keeps the code", Response{Code: 603, Reason: "Decline", Reasons: q(16)}, CategoryCalleeDeclined, "code.603"},
		{"generic cause 31 keeps the code", Response{Code: 480, Reasons: q(31)}, CategoryCalleeUnavailable, "code.480"},
		{"generic cause 127 keeps the code", Response{Code: 500, Reasons: q(127)}, CategoryServerError, "code.500"},
		{"unknown cause keeps the code", Response{Code: 486, Reasons: q(250)}, CategoryCalleeBusy, "code.486"},
		{"protocol name is case-insensitive", Response{Code: 480, Reasons: []ReasonCause{{Protocol: "q.850", Cause: 17}}}, CategoryCalleeBusy, "q850.17"},
		{"vendor phrase wins over cause", Response{Code: 480, Reason: "No money left", Reasons: q(17)}, CategoryBillingFunds, "phrase.billing.funds"},
		{"phrase restating the code yields to the cause", Response{Code: 480, Reason: "暂时无法接通", Reasons: q(17)}, CategoryCalleeBusy, "q850.17"},
		{"restated code phrase yields to cause 34", Response{Code: 486, Reason: "User is busy", Reasons: q(34)}, CategoryCapacityOverload, "q850.34"},
		{"restated code phrase without a Reason", Response{Code: 480, Reason: "暂时无法接通"}, CategoryCalleeUnavailable, "phrase.callee.unavailable"},
		{"restated code phrase and generic cause", Response{Code: 486, Reason: "User is busy", Reasons: q(16)}, CategoryCalleeBusy, "code.486"},
		{"phrase of the code's category and an unspecified cause", Response{Code: 402, Reason: "Insufficient funds", Reasons: q(41)}, CategoryBillingFunds, "phrase.billing.stated-empty"},
		{"restated code phrase and an unspecified cause", Response{Code: 486, Reason: "User is busy", Reasons: q(47)}, CategoryCalleeBusy, "phrase.callee.named-busy"},
		{"unspecified cause written into a phrase of the code's category", Response{Code: 403, Reason: "Number blacklisted (Q.850 cause 41)"}, CategoryPolicyForbidden, "phrase.policy.caller-blacklisted"},
		{"unspecified cause after a phrase that names only a failure", Response{Code: 500, Reason: "Call failed (cause 47)"}, CategoryCapacityOverload, "q850.47"},
		{"a restating phrase is not read again by later rules", Response{Code: 404, Reason: "Unalloc Num - routed to SIT announcement", Reasons: q(1)}, CategoryNumberInvalid, "q850.1"},
		{"a phrase that names another cause first still decides", Response{Code: 404, Reason: "Routed to SIT announcement", Reasons: q(1)}, CategoryRouteNoRoute, "phrase.route.no-route"},
		{"SIP cause names a code", Response{Code: 500, Reasons: []ReasonCause{{Protocol: "SIP", Cause: 486}}}, CategoryCalleeBusy, "sip.cause"},
		{"SIP cause text is a phrase", Response{Code: 500, Reasons: []ReasonCause{{Protocol: "SIP", Cause: 480, Text: "No money left"}}}, CategoryBillingFunds, "sip.cause"},
		{"SIP cause with standard text", Response{Code: 500, Reasons: []ReasonCause{{Protocol: "SIP", Cause: 503, Text: "Service Unavailable"}}}, CategoryCapacityOverload, "sip.cause"},
		{"SIP cause 200 adds nothing", Response{Code: 487, Reasons: []ReasonCause{{Protocol: "SIP", Cause: 200, Text: "Call completed elsewhere"}}}, CategoryRequestCancelled, "code.487"},
		{"SIP cause equal to the code", Response{Code: 401, CredentialsSent: true, Reasons: []ReasonCause{{Protocol: "SIP", Cause: 401}}}, CategoryAuthCredentials, "context.auth-retry-rejected"},
		{"STIR cause", Response{Code: 403, Reason: "Forbidden", Reasons: []ReasonCause{{Protocol: "STIR", Cause: 438, Text: "Invalid Identity Header"}}}, CategorySecurityIdentity, "stir.cause"},
		{"603 analytics block", Response{Code: 603, Reason: "Decline", Reasons: []ReasonCause{{Protocol: "Q.850", Cause: 21, Text: "v=analytics1;reason=spam"}}}, CategorySecurityIdentity, "reason.analytics"},
		{"unknown protocol is informational", Response{Code: 486, Reasons: []ReasonCause{{Protocol: "X-ACME", Cause: 3}}}, CategoryCalleeBusy, "code.486"},
		{"several Reason headers", Response{Code: 480, Reasons: []ReasonCause{{Protocol: "X-ACME", Cause: 1}, {Protocol: "Q.850", Cause: 20}}}, CategoryCalleeUnavailable, "q850.20"},
		{"Q.850 cause in the phrase", Response{Code: 503, Reason: "Service Unavailable (Cause: 41)"}, CategoryServerError, "q850.41"},
		{"Q.850 cause= in the phrase", Response{Code: 500, Reason: "Q.850;cause=34"}, CategoryCapacityOverload, "q850.34"},
		{"Reason header before the phrase's cause", Response{Code: 503, Reason: "Service Unavailable (cause 41)", Reasons: q(34)}, CategoryCapacityOverload, "q850.34"},
		{"Q.850 number after the protocol's name", Response{Code: 500, Reason: "Internal Server Error - Q.850 3"}, CategoryRouteNoRoute, "q850.3"},
		{"q850: in the phrase", Response{Code: 480, Reason: "Temporarily Unavailable (q850:18)"}, CategoryCalleeUnavailable, "q850.18"},
		{"q850= in the phrase", Response{Code: 503, Reason: "Service Unavailable <q850=34>"}, CategoryCapacityOverload, "q850.34"},
		{"cause in brackets", Response{Code: 503, Reason: "Temporarily Unavailable [cause 41]"}, CategoryServerError, "q850.41"},
		{"Q.850 followed by a version", Response{Code: 500, Reason: "Q.850 3.1 mapping"}, CategoryServerError, "code.500"},
		{"cause ending a sentence", Response{Code: 480, Reason: "Unavailable, cause 17. See log"}, CategoryCalleeBusy, "q850.17"},
		{"Q.850 without a number", Response{Code: 500, Reason: "Q.850 mapping"}, CategoryServerError, "code.500"},
		{"because is no cause", Response{Code: 500, Reason: "because 17"}, CategoryServerError, "code.500"},
		{"cause outside Q.850", Response{Code: 500, Reason: "cause 486"}, CategoryServerError, "code.500"},
		{"cause in hex", Response{Code: 500, Reason: "Call failed (cause 0x22)"}, CategoryCapacityOverload, "q850.34"},
		{"cause in upper-case hex", Response{Code: 480, Reason: "ISDN Cause=0X11"}, CategoryCalleeBusy, "q850.17"},
		{"hex cause too long", Response{Code: 500, Reason: "cause 0x1234"}, CategoryServerError, "code.500"},
		{"hex cause without digits", Response{Code: 500, Reason: "cause 0xzz"}, CategoryServerError, "code.500"},
		{"cause value", Response{Code: 500, Reason: "Release, cause value 31"}, CategoryServerError, "code.500"},
		{"cause value names the cause", Response{Code: 500, Reason: "REL received, Cause value: 38"}, CategoryNetworkUnreachable, "q850.38"},
		{"cause code", Response{Code: 503, Reason: "Released, cause code 41"}, CategoryServerError, "q850.41"},
		{"cause no.", Response{Code: 480, Reason: "Cause No. 19"}, CategoryCalleeUnavailable, "q850.19"},
		{"cause value without a number", Response{Code: 500, Reason: "Release, cause value unknown"}, CategoryServerError, "code.500"},
		{"488 with Warning 301", Response{Code: 488, Reason: "Not Acceptable Here", Warnings: []int{301}}, CategoryNATPrivateAddress, "warning.301"},
		{"488 with Warning 305", Response{Code: 488, Reason: "Not Acceptable Here", Warnings: []int{305}}, CategoryMediaCodec, "warning.305"},
		{"488 with Warning 370", Response{Code: 488, Warnings: []int{370}}, CategoryCapacityOverload, "warning.370"},
		{"606 with Warning 304", Response{Code: 606, Warnings: []int{304}}, CategoryMediaCodec, "warning.304"},
		{"480 with Warning 380", Response{Code: 480, Warnings: []int{380}}, CategoryProtocolError, "warning.380"},
		{"informational Warning 392", Response{Code: 404, Warnings: []int{392}}, CategoryNumberInvalid, "code.404"},
		{"Warning on a success", Response{Code: 200, Warnings: []int{301}}, CategoryOK, "class.ok"},
		{"Reason before Warning", Response{Code: 488, Reasons: q(88), Warnings: []int{301}}, CategoryMediaCodec, "q850.88"},
		{"context before Warning", Response{Code: 403, Method: "REGISTER", Warnings: []int{399}}, CategoryAuthCredentials, "context.register-forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			d := c.Classify(&r)
			if d.Category != tt.category || d.Rule != tt.rule {
				t.Errorf("got %s by %s, want %s by %s", d.Category, d.Rule, tt.category, tt.rule)
			}
		})
	}
}

// TestPhraseDetail checks that keywords are matched against what a phrase adds to the code's
// standard phrase, so that the standard words do not outvote the cause.
func TestPhraseDetail(t *testing.T) {
	c := newTestClassifier(t)
	tests := []struct {
		code       int
		phrase     string
		wantDetail string
		want       Category
	}{
		{600, "Busy everywhere - Empty list of S-CSCFs", "empty list of s cscfs", CategoryRouteNoRoute},
		{480, "Temporarily unavailable - error retrieving av", "error retrieving av", CategoryBackendDatabase},
		{486, "Busy Here - Channel Limit Exceeded", "channel limit exceeded", CategoryCapacityOverload},
		{480, "Temporarily Unavailable (Call limit)", "call limit", CategoryCapacityOverload},
		{503, "Service Unavailable - No transport", "no transport", CategoryNetworkUnreachable},
		{503, "Service Unavailable [No transport]", "no transport", CategoryNetworkUnreachable},
		// An exact phrase is also read when it is all that follows the standard phrase.
		{404, "Not Found (Not here)", "not here", CategoryProtocolError},
		{403, "Forbidden - You", "you", CategoryAuthCredentials},
		{415, "Unsupported Media Type: Unsupported Media", "unsupported media", CategoryProtocolError},
		{403, "Forbidden; Call rejected", "call rejected", CategoryPolicyForbidden},
		{486, "Busy Here", "busy here", CategoryCalleeBusy},
		{486, "Busy Herewith", "busy herewith", CategoryCalleeBusy},
		{404, "Not found at all", "at all", CategoryNumberInvalid},
		{999, "Whatever", "whatever", CategoryProtocolError},
	}
	for _, tt := range tests {
		norm := Normalize(tt.code, tt.phrase)
		if got := c.detail(tt.code, norm); got != tt.wantDetail {
			t.Errorf("detail(%d, %q) = %q, want %q", tt.code, norm, got, tt.wantDetail)
		}
		if d := c.Classify(&Response{Code: tt.code, Reason: tt.phrase, Method: "INVITE"}); d.Category != tt.want {
			t.Errorf("%d %q = %s (rule %s), want %s", tt.code, tt.phrase, d.Category, d.Rule, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		code     int
		in, want string
	}{
		{403, "Wrong Guess", "wrong guess"},
		{486, "Rejected (ref 12345)", "rejected"},
		{503, "No FreeSWITCH available (node fs-3)", "no freeswitch available"},
		{403, "Forbidden (ID: a7f3c) - account suspended", "forbidden account suspended"},
		{486, "Too many calls (3)", "too many calls (3)"},
		{480, "User busy (cause 17)", "user busy (cause 17)"},
		{403, "Forbidden (step three)", "forbidden (step three)"},
		{404, "Not Found (#42)", "not found"},
		{480, "  No   money\tleft!!  ", "no money left"},
		{477, "Send failed (477/SL)", "send failed"},
		{408, "Request Timeout (408/TM)", "request timeout"},
		{500, "I'm terribly sorry, server error occurred (1/SL)", "i'm terribly sorry, server error occurred"},
		{500, "Error (12345/SL) (4/S1) (/SL) (12/)", "error (12345/sl) (4/s1) (/sl) (12/)"},
		{503, "[CGR1] Service Unavailable", "service unavailable"},
		{480, "Temporarily Unavailable [TESR].", "temporarily unavailable"},
		{480, "Temporarily Unavailable [HT-VPBX]", "temporarily unavailable"},
		{603, "Decline [Banned]", "decline [banned]"},
		{603, "Declined [SPAM]", "declined [spam]"},
		{480, "Temporarily Unavailable [DND]", "temporarily unavailable [dnd]"},
		{480, "Temporarily Unavailable [SBC]", "temporarily unavailable"},
		{480, "Temporarily Unavailable [MEDIA_TIMEOUT]", "temporarily unavailable [media timeout]"},
		{410, "Gone [SdpParsingFailure]", "gone [sdp parsing failure]"},
		{403, "403 Forbidden", "forbidden"},
		{403, "Forbidden (403)", "forbidden"},
		{403, "SIP/2.0 403 Forbidden", "forbidden"},
		{404, "Error 404: not found", "not found"},
		{415, "SIP 415 Unsupported codecs", "unsupported codecs"},
		{415, "SIP-415 Unsupported codecs", "unsupported codecs"},
		{503, "Error: No transport", "no transport"},
		{503, "Error", "error"},
		{503, "Error:", "error"},
		{503, "SIP", "sip"},
		{503, "SIP trunk down", "sip trunk down"},
		{503, "Error reading from database", "error reading from database"},
		{503, "Service error: no transport", "service error: no transport"},
		{404, "Call rejected: number not in service", "number not in service"},
		{486, "Rejected: sip:1001@pbx.example.com", "rejected: sip:1001@pbx.example.com"},
		{503, "Reason: No transport", "no transport"},
		{503, "Remote error: No transport", "no transport"},
		{503, "Upstream response: No transport", "no transport"},
		{480, "Cause: 17", "cause: 17"},
		{404, "Cause: No route to destination", "no route to destination"},
		{603, "Call rejected:", "call rejected"},
		{480, "Erreur : abonné absent", "abonne absent"},
		{480, "SBC: Teilnehmer nicht erreichbar", "teilnehmer nicht erreichbar"},
		{500, "Database: timeout", "database: timeout"},
		{480, "FreeSWITCH - no answer", "no answer"},
		{480, "Proxy – Teilnehmer nicht erreichbar", "teilnehmer nicht erreichbar"},
		{480, "No answer (by SBC)", "no answer"},
		{480, "FreeSWITCH", "freeswitch"},
		{503, "Database - timeout", "database timeout"},
		{404, "Número não atribuído", "numero nao atribuido"},
		{403, "Hasło nieprawidłowe", "haslo nieprawidlowe"},
		{486, "Straße besetzt", "strasse besetzt"},
		{480, "Абонент недоступен", "абонент недоступен"},
		{486, "ΣΦΆΛΜΑ ΒΆΣΗΣ", "σφάλμα βάσησ"},
		{486, "σφάλμα βάσης", "σφάλμα βάσησ"},
		{480, "错误：用户不在线", "用户不在线"},
		{480, "NO_ROUTE_DESTINATION", "no route destination"},
		{504, "Server Time-out", "server time out"},
		{403, "Forbidden (Bad auth)", "forbidden (bad auth)"},
		{480, "Temporarily Unavailable (Call limit)", "temporarily unavailable (call limit)"},
		{404, "We can’t connect you.", "we can't connect you"},
		{486, "Абонент занят", "абонент занят"},
		{500, "", ""},
		{500, "...", ""},
		{500, "500", ""},
		{486, "Busy 4860", "busy 4860"},
		{410, "IceConnectivityChecksFailed", "ice connectivity checks failed"},
		{480, "Temporarily unavailable - TimeOut in MAR/A HSS", "temporarily unavailable time out in mar/a hss"},
		{503, "No FreeSWITCH available", "no freeswitch available"},
		{488, "iLBC and SIPVersion", "ilbc and sip version"},
		{500, "DBConnectionPoolTimeout", "db connection pool timeout"},
		{404, "HLRLookupFailed", "hlr lookup failed"},
		{403, "IPs of CPaaS peers not NATed", "ips of cpaas peers not nated"},
		{480, "ACallBlocked", "acall blocked"},
		{503, "SBCDown", "sbc down"}, {503, "SBCs", "sbcs"}, {438, "PASSporT claims", "passport claims"},
		{503, "sbc-01: No transport", "no transport"}, {503, "SBC01: No transport", "no transport"},
		{503, "sbc lon 2: No transport", "no transport"}, {503, "sbc: 01", "sbc: 01"},
		{503, "No transport (error code 1234)", "no transport"}, {503, "No transport (code 88)", "no transport"},
		{503, "No transport (via proxy2.example.net)", "no transport"}, {503, "Call to +14155550123 failed: No transport", "no transport"},
		{503, "Call to voicemail failed: No transport", "call to voicemail failed: no transport"},
		{503, "No transport - Service Unavailable", "service unavailable no transport"},
		{503, "No transport (Service Unavailable)", "service unavailable no transport"},
		{404, "Session Not Found", "session not found"},
		{503, "Error 1234: No transport", "no transport"}, {503, "Rejected by the carrier: No transport", "no transport"},
		{503, "(No transport)", "no transport"}, {503, "(No transport) (x)", "(no transport) (x)"},
		{503, "INVITE rejected: No transport", "no transport"}, {503, "Outbound call failed: No transport", "no transport"},
		{404, "REGISTER refused: AoR unknown", "register refused: aor unknown"},
		{503, "No transport【node 7】", "no transport"}, {486, "用户忙（原因：17）", "用户忙 (原因：17)"},
		{500, "eX", "ex"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.code, tt.in); got != tt.want {
			t.Errorf("Normalize(%d, %q) = %q, want %q", tt.code, tt.in, got, tt.want)
		}
	}
}

func TestNormalisedPhrasesClassifyAlike(t *testing.T) {
	c := newTestClassifier(t)
	tests := []struct {
		code    int
		method  string
		phrases []string
		want    Category
	}{
		{480, "INVITE", []string{"No money left", "NO MONEY LEFT.", "480 No money left", "No money left (480/SL)", "[CGR1] no  money left!", "NO_MONEY_LEFT"}, CategoryBillingFunds},
		{403, "REGISTER", []string{"Forbidden", "FORBIDDEN", "403 Forbidden", "Forbidden.", "Forbidden [X1]"}, CategoryAuthCredentials},
		{488, "INVITE", []string{"Codec Mismatch", "codec-mismatch", "Codec mismatch (488/TM)"}, CategoryMediaCodec},
		{486, "INVITE", []string{"Rejected", "Rejected (ref 12345)", "Rejected (#7)"}, CategoryCalleeDeclined},
		{403, "REGISTER", []string{"Forbidden (id: a7f3c)", "Forbidden (case #4)"}, CategoryAuthCredentials},
		{503, "INVITE", []string{"No FreeSWITCH available", "No FreeSWITCH available (node fs-3)"}, CategoryRouteNoRoute},
	}
	for _, tt := range tests {
		for _, p := range tt.phrases {
			d := c.Classify(&Response{Code: tt.code, Reason: p, Method: tt.method})
			if d.Category != tt.want {
				t.Errorf("%d %q = %s by %s, want %s", tt.code, p, d.Category, d.Rule, tt.want)
			}
		}
	}
}

// requireRewritesKeepReadings rewrites every labelled phrase of the package's files the rules
// read right (rewrite may give none) and requires each rewriting to read the same. It returns
// how many phrases it rewrote.
func requireRewritesKeepReadings(t *testing.T, rewrite func(r phraseRow) []string) int {
	t.Helper()
	c := newTestClassifier(t)
	n := 0
	forEachReadRight(t, c, func(file string, r phraseRow, alone Diagnosis) {
		variants := rewrite(r)
		if len(variants) == 0 {
			return
		}
		n++
		for _, v := range variants {
			if d := c.Classify(&Response{Code: r.code, Reason: v, Method: r.method}); d.Category != alone.Category {
				t.Errorf("%s: %d %q = %s (rule %s), as labelled %s (rule %s)", file, r.code, v, d.Category, d.Rule, alone.Category, alone.Rule)
			}
		}
	})
	return n
}

// forEachReadRight calls visit with each labelled phrase of the package's files that c reads
// as labelled, the name of its file and that reading.
func forEachReadRight(t *testing.T, c *Classifier, visit func(file string, r phraseRow, alone Diagnosis)) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.tsv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no labelled files: %v", err)
	}
	for _, f := range files {
		for _, r := range readPhrases(t, f) {
			if alone := c.Classify(&Response{Code: r.code, Reason: r.phrase, Method: r.method}); alone.Category == r.category {
				visit(filepath.Base(f), r, alone)
			}
		}
	}
}

// TestLabelsKeepReadings appends labels and clauses that name no cause ("(ref 12345)", "(#17)",
// "(after 32 s)") to every labelled phrase of the package's files the rules read right, and
// puts a vendor's label in brackets before it ("[Vendor] "), and requires the same reading:
// exact phrases and patterns anchored at a phrase's ends must not lose a phrase to its label.
func TestLabelsKeepReadings(t *testing.T) {
	labels := []string{" (ref 12345)", " (id: a7f3c)", " (case #4)", " (#17)", " [node sbc-2]", " (after 32 s)", " (X-Reason: 1234)",
		" (error code 1234)", " (code 88)", "; code=1234", " [2026-12-01 13:45:02]", ", trunk=TG1", " - Call-ID: a84b4c76e66710@pc33",
		" <sip:1001@pbx.example.com>", " (via proxy2.example.net)", ". See logs for details", " (account 1234)", " (tenant 55)", " E1234",
		" on trunk 3", " via gateway gw2", "（E1234）", "【node sbc-2】"}
	prefixes := []string{"[Vendor] ", "[sbc-2] ", "sbc-01: ", "SBC01: ", "Call to +14155550123 failed: ", "INVITE rejected: ", "Outbound call failed: "}
	n := requireRewritesKeepReadings(t, func(r phraseRow) []string {
		var vs []string
		for _, l := range labels {
			vs = append(vs, r.phrase+l)
		}
		for _, p := range prefixes {
			vs = append(vs, p+r.phrase)
		}
		return vs
	})
	if n < 1000 {
		t.Fatalf("only %d phrases read right", n)
	}
}

// TestWrappedPhrasesKeepReadings writes every labelled phrase of the package's files the rules
// read right after its code's standard phrase, the way vendors add a detail ("Service
// Unavailable - No transport", "Not Found (Not here)"), after a lead-in ("SIP 503 No
// transport", "Error: No transport", "Call rejected: No transport", "SBC: No transport") and before an identifier
// or advice to retry ("No transport for +14155550123", "No transport, please try again later"),
// and requires the same reading: none of them says anything the code does not, so the detail
// must decide as it did alone.
func TestWrappedPhrasesKeepReadings(t *testing.T) {
	wraps := []string{"%[1]s - %[3]s", "%[1]s: %[3]s", "%[1]s (%[3]s)", "%[1]s [%[3]s]", "%[1]s / %[3]s", "(%[3]s)", "Rejected by carrier: %[3]s",
		"SIP %[2]d %[3]s", "Error: %[3]s", "Error %[2]d: %[3]s",
		"Call rejected: %[3]s", "Call failed: %[3]s", "Reason: %[3]s", "Cause: %[3]s", "Remote error: %[3]s", "Carrier response: %[3]s", "Fehler: %[3]s", "错误：%[3]s", "SBC: %[3]s", "Kamailio: %[3]s", "FreeSWITCH - %[3]s", "%[3]s (by SBC)",
		"%[3]s for +14155550123", "%[3]s: sip:1001@pbx.example.com", "%[3]s (1001)", "%[3]s from 198.51.100.7:5060", "%[3]s at pbx3.example.net", "%[3]s at sbc-2.example.net", "%[3]s; call id 3a7f9c",
		"%[3]s, please try again later", "%[3]s - try later", "%[3]s, retry after 60 seconds"}
	n := requireRewritesKeepReadings(t, func(r phraseRow) []string {
		std, ok := StandardPhrase(r.code)
		if !ok || strings.HasPrefix(strings.ToLower(r.phrase), strings.ToLower(std)) {
			return nil
		}
		var vs []string
		for _, w := range wraps {
			if strings.Contains(w, "[") && isCodeLike(r.phrase) {
				continue // a code in brackets ("[CGR1]", "[TESR]") is a vendor's tag by design
			}
			vs = append(vs, fmt.Sprintf(w, std, r.code, r.phrase))
		}
		return vs
	})
	if n < 1000 {
		t.Fatalf("only %d phrases read right", n)
	}
}

// TestStatesWithVerbsKeepReadings writes the state every labelled phrase of the package's
// files the rules read right names in its short form ("Gateway unavailable", "Trunk down",
// "Account suspended") with a verb or in other words ("Gateway is not available", "Trunk is
// down", "Account has been suspended", "Call was rejected"), and requires the same reading
// (predicate.go): 36 and 32 of them changed before phrases were read with the short form too.
func TestStatesWithVerbsKeepReadings(t *testing.T) {
	forms := [][2]string{{" unavailable", " is not available"}, {" Unavailable", " is not available"},
		{" unreachable", " is not reachable"}, {" down", " is down"}, {" offline", " is offline"},
		{" disabled", " has been disabled"}, {" suspended", " has been suspended"}, {" blocked", " has been blocked"},
		{" not found", " could not be found"}, {" Not Found", " could not be found"}, {" expired", " has expired"}}
	n := requireRewritesKeepReadings(t, func(r phraseRow) []string {
		if std, ok := StandardPhrase(r.code); ok && strings.HasPrefix(strings.ToLower(r.phrase), strings.ToLower(std)) {
			return nil // the standard phrase says the code's state in its own words
		}
		for _, f := range forms {
			i := strings.Index(r.phrase, f[0])
			if i <= 0 {
				continue
			}
			end := i + len(f[0])
			if end < len(r.phrase) && r.phrase[end] != ' ' && r.phrase[end] != ',' {
				continue
			}
			before := r.phrase[:i]
			for _, verb := range []string{" is", " are", " not", " been", " has", " was"} {
				if strings.HasSuffix(before, verb) {
					return nil
				}
			}
			return []string{before + f[1] + r.phrase[end:]}
		}
		return nil
	})
	if n < 200 {
		t.Fatalf("only %d phrases read right and rewritten", n)
	}
	// An auxiliary before a participle: "Call rejected" -> "Call was rejected".
	skip := map[string]bool{"is": true, "are": true, "was": true, "were": true, "been": true, "has": true, "have": true, "not": true,
		"no": true, "to": true, "by": true, "of": true, "and": true, "or": true, "the": true, "a": true, "an": true, "-": true,
		"for": true, "with": true, "be": true, "get": true, "got": true}
	n = requireRewritesKeepReadings(t, func(r phraseRow) []string {
		f := strings.Fields(r.phrase)
		for i := 1; i < len(f); i++ {
			w := strings.ToLower(strings.Trim(f[i], ".,;:!"))
			prev := strings.ToLower(f[i-1])
			if skip[prev] || strings.HasSuffix(prev, ":") || strings.HasSuffix(prev, ",") {
				continue
			}
			if len(w) > 4 && strings.HasSuffix(w, "ed") && w != "failed" && w != "needed" {
				return []string{strings.Join(f[:i], " ") + " was " + strings.Join(f[i:], " ")}
			}
		}
		return nil
	})
	if n < 200 {
		t.Fatalf("only %d phrases read right and given an auxiliary", n)
	}
}

// TestNumberedNounsKeepReadings numbers the trunk, gateway or carrier that a labelled phrase of
// the package's files the rules read right starts with ("Carrier unavailable" as "Carrier 3
// unavailable"), and requires the same reading: the number names which one, not what
// happened to it (predicate.go); 19 readings changed before the number was left out.
func TestNumberedNounsKeepReadings(t *testing.T) {
	n := requireRewritesKeepReadings(t, func(r phraseRow) []string {
		f := strings.Fields(r.phrase)
		if len(f) < 2 || !numberedNouns[strings.ToLower(f[0])] {
			return nil
		}
		if std, ok := StandardPhrase(r.code); ok && strings.HasPrefix(strings.ToLower(r.phrase), strings.ToLower(std)) {
			return nil // "Server Internal Error", "Proxy Authentication Required" number nothing
		}
		return []string{f[0] + " 3 " + strings.Join(f[1:], " "), f[0] + " #12 " + strings.Join(f[1:], " ")}
	})
	if n < 20 {
		t.Fatalf("only %d phrases read right and numbered", n)
	}
}

// TestPhrasesWithoutDiacriticsKeepReadings writes every labelled phrase of the package's files
// the rules read right without the diacritics of its Latin letters, as many SIP stacks send
// their phrases ("Numero non attribue"), and requires the same reading.
func TestPhrasesWithoutDiacriticsKeepReadings(t *testing.T) {
	n := requireRewritesKeepReadings(t, func(r phraseRow) []string {
		plain := strings.Map(func(r rune) rune {
			if f, ok := foldLatin(unicode.ToLower(r)); ok && len(f) == 1 {
				return rune(f[0])
			}
			return r
		}, r.phrase)
		if plain == r.phrase {
			return nil
		}
		return []string{plain}
	})
	if n < 300 {
		t.Fatalf("only %d phrases with diacritics read right", n)
	}
}

// TestPhraseEndsLeftOut covers what is left out of a phrase's ends: vendors' codes as its
// first or last word (withoutEndCodes, for exact phrases) and labelled identifiers and
// parameters at its end (withoutTrailingLabels, for every rule).
func TestPhraseEndsLeftOut(t *testing.T) {
	tests := []struct {
		name     string
		fn       func(string) string
		in, want string
	}{
		{"codes", withoutEndCodes, "e1234 no transport", "no transport"},
		{"codes", withoutEndCodes, "no transport d26", "no transport"},
		{"codes", withoutEndCodes, "503.1 no transport", "no transport"},
		{"codes", withoutEndCodes, "err42 no transport e7", "no transport e7"},
		{"codes", withoutEndCodes, "no transport", ""},
		{"codes", withoutEndCodes, "e1234", ""},
		{"codes", withoutEndCodes, "abcde123 no transport", ""},
		{"labels", withoutTrailingLabels, "all lines busy, trunk=tg1", "all lines busy"},
		{"labels", withoutTrailingLabels, "all lines busy; call id a84b4c76e66710@pc33", "all lines busy"},
		{"labels", withoutTrailingLabels, "all lines busy code=1234 ref 77a1", "all lines busy"},
		{"labels", withoutTrailingLabels, "unverified caller id: sip:1001@pbx.example.com", "unverified caller id: sip:1001@pbx.example.com"},
		{"labels", withoutTrailingLabels, "no credit, reason=no_credit", "no credit, reason=no_credit"},
		{"labels", withoutTrailingLabels, "code=1234", "code=1234"},
		{"labels", withoutTrailingLabels, "trunk=tg1", "trunk=tg1"},
		{"labels", withoutTrailingLabels, "", ""},
		{"labels", withoutTrailingLabels, "all lines busy on trunk 3", "all lines busy"},
		{"labels", withoutTrailingLabels, "all lines busy via gateway gw2", "all lines busy"},
		{"labels", withoutTrailingLabels, "no route to trunk", "no route to trunk"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s: %q = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestWithoutTrailingIDs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"no transport for +14155550123", "no transport"},
		{"no transport; code=1234", "no transport"},
		{"no transport error code 1234", "no transport"},
		{"no transport; code=ab", ""},
		{"try again later: sip:1001@pbx.example.com", "try again later"},
		{"rejected (1001)", "rejected"},
		{"not here from 198.51.100.7:5060 to 0044207946000", "not here"},
		{"you 12345", "you"},
		{"no transport", ""},
		{"cause 17", ""}, // two digits are no identifier
		{"4860", ""},     // nothing would be left
		{"private address 10.0.0.1", "private address"},
		{"version 1.2.3", ""},
		{"call from +1", ""},
		{"not here at pbx3.example.net", "not here"},
		{"version v1.2.3", ""},
		{"no transport at example.net", ""},
		{"rejected, please try again later", "rejected"},
		{"no transport for +14155550123 - retry in 30 s", "no transport"},
		{"try again later", ""},
		{"no route at sbc 2.example.net", "no route"}, // "sbc-2.example.net" normalised
		{"no route at 2.example.net", "no route"},
		{"no route; call id 3a7f9c", "no route"},
		{"no route, call id: 3a7f9c@host", "no route"},
		{"no route (ref a7f3)", "no route"},
		{"no route, session id 17a", "no route"},
		{"error id 17", ""},              // two characters: no identifier
		{"case sensitive header", ""},    // no digit: a word, not an identifier
		{"user id 1234 blocked", ""},     // not at the end
		{"blocked id abc123", "blocked"}, // "id" alone labels it too
	}
	for _, tt := range tests {
		if got := withoutTrailingIDs(tt.in); got != tt.want {
			t.Errorf("withoutTrailingIDs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeywordBoundaries(t *testing.T) {
	tests := []struct {
		s, kw  string
		prefix bool
		want   bool
	}{
		{"no money left", "money", false, true},
		{"moneyless", "money", false, false},
		{"moneyless", "money", true, true},
		{"nomoney", "money", true, false},
		{"codecs do not match", "codec", true, true},
		{"codecs do not match", "codec", false, false},
		{"service unavailable", "ice", false, false},
		{"ice failed", "ice", false, true},
		{"余额不足", "余额", false, true},
		{"абонент занят", "занят", true, true},
		{"db timeout", "db", false, true},
		{"dbx", "db", false, false},
		{"", "db", false, false},
		{"x", "", false, false},
	}
	for _, tt := range tests {
		if got := containsWord(tt.s, tt.kw, tt.prefix); got != tt.want {
			t.Errorf("containsWord(%q, %q, %v) = %v", tt.s, tt.kw, tt.prefix, got)
		}
	}
}

// TestKeywordWords checks keywords of several words with a "*" inside, each word allowed a
// longer ending where it says so.
func TestKeywordWords(t *testing.T) {
	tests := []struct {
		kw, s string
		want  bool
	}{
		{"prywatn* adres*", "prywatny adres ip w sdp", true},
		{"prywatn* adres*", "adres prywatny", false},
		{"prywatn* adres*", "nieprywatny adres", false},
		{"частн* ip", "частный ip в контакте", true},
		{"частн* ip", "частный ipv6", false},
		{"ιδιωτικ* διεύθυνσ*", "ιδιωτική διεύθυνση ip στην κεφαλίδα contact", true},
		{"ιδιωτικ* διεύθυνσ*", "ιδιωτική  διεύθυνση", false},
		{"privat* ip*", "privatni ip adresa", true},
		{"privat* ip*", "privat", false},
		{"비밀번호", "비밀번호가 틀렸습니다", true}, // Korean particles follow the word
		{"계정 오류", "계정이 오류입니다", false},
		{"no money", "no money left", true},
		{"no money*", "no moneys", true},
	}
	for _, tt := range tests {
		k := newKeyword(tt.kw)
		if got := k.matches(tt.s); got != tt.want {
			t.Errorf("keyword %q in %q = %v, want %v", tt.kw, tt.s, got, tt.want)
		}
		back := tt.kw
		if endsInHangul(tt.kw) {
			back += "*" // listed as what it matches
		}
		if k.String() != back {
			t.Errorf("keyword %q reads back as %q, want %q", tt.kw, k.String(), back)
		}
	}
}

func writeRules(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUserRules(t *testing.T) {
	path := writeRules(t, `rules:
  - id: acme.no-credit
    code: 486
    keywords: ["credit*", saldo]
    category: billing.funds
  - id: acme.gw-down
    code: [5xx]
    regex: 'gw ?\d+ (down|dead)'
    category: network.unreachable
    severity: normal
  - id: acme.busy-is-declined
    code:
      - 486
      - !487
    phrase: busy here
    category: callee.declined
  - id: code.480
    code: 480
    category: capacity.overload
  - id: phrase.billing.funds
    disabled: true
  - id: acme.register-options
    method: [OPTIONS]
    code: 404
    category: network.unreachable
  - id: acme.warning-399
    warning: 399
    code: 4xx
    category: media.codec
  - id: acme.reason-text
    reason: {protocol: Q.850, text: 'gateway.*down'}
    category: route.no-route
  - id: acme.third-challenge
    code: [401, 407]
    prior_challenges: 2
    category: auth.credentials
  - id: acme.trunk-down
    code: 502
    regex: 'Trunk [A-Z]+ offline'
    category: network.unreachable
  - id: acme.not-register
    method: "!REGISTER"
    code: 410
    category: callee.unavailable
`)
	c, err := New(Options{RulesFile: path})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		r        Response
		category Category
		rule     string
		severity Severity
	}{
		{Response{Code: 486, Reason: "Out of credits"}, CategoryBillingFunds, "acme.no-credit", SeverityFault},
		{Response{Code: 503, Reason: "GW 12 down"}, CategoryNetworkUnreachable, "acme.gw-down", SeverityNormal},
		{Response{Code: 502, Reason: "Trunk XY offline"}, CategoryNetworkUnreachable, "acme.trunk-down", SeverityFault},
		{Response{Code: 486, Reason: "Busy Here"}, CategoryCalleeDeclined, "acme.busy-is-declined", SeverityNormal},
		{Response{Code: 486, Reason: "BUSY HERE."}, CategoryCalleeDeclined, "acme.busy-is-declined", SeverityNormal},
		{Response{Code: 480, Reason: "Temporarily Unavailable"}, CategoryCapacityOverload, "code.480", SeverityFault},
		// The built-in billing rule is off: the phrase falls through to the code.
		{Response{Code: 403, Reason: "No money left"}, CategoryPolicyForbidden, "code.403", SeverityFault},
		{Response{Code: 404, Method: "OPTIONS"}, CategoryNetworkUnreachable, "acme.register-options", SeverityFault},
		{Response{Code: 404, Method: "INVITE"}, CategoryNumberInvalid, "code.404", SeverityNormal},
		{Response{Code: 415, Warnings: []int{399}}, CategoryMediaCodec, "acme.warning-399", SeverityFault},
		{Response{Code: 502, Reasons: []ReasonCause{{Protocol: "Q.850", Cause: 38, Text: "Gateway 7 is down"}}}, CategoryRouteNoRoute, "acme.reason-text", SeverityFault},
		{Response{Code: 401, PriorChallenges: 2}, CategoryAuthCredentials, "acme.third-challenge", SeverityFault},
		{Response{Code: 401, PriorChallenges: 1}, CategoryAuthChallenge, "code.401", SeverityNormal},
		// A method excluded: any other, and none (as for "sipscan explain"), match.
		{Response{Code: 410, Method: "INVITE"}, CategoryCalleeUnavailable, "acme.not-register", SeverityNormal},
		{Response{Code: 410}, CategoryCalleeUnavailable, "acme.not-register", SeverityNormal},
		{Response{Code: 410, Method: "register"}, CategoryNumberInvalid, "code.410", SeverityNormal},
	}
	for _, tt := range tests {
		r := tt.r
		d := c.Classify(&r)
		if d.Category != tt.category || d.Rule != tt.rule || d.Severity != tt.severity {
			t.Errorf("%d %q: got %s/%s by %s, want %s/%s by %s", r.Code, r.Reason, d.Category, d.Severity, d.Rule, tt.category, tt.severity, tt.rule)
		}
	}

	rules := c.Rules()
	if rules[0].ID != "acme.no-credit" || !strings.HasPrefix(rules[0].Source, "user "+path+":") {
		t.Errorf("first rule %+v, want the first user rule", rules[0])
	}
	var ids []string
	pos := map[string]int{}
	for i, r := range rules {
		ids = append(ids, r.ID)
		if _, dup := pos[r.ID]; dup {
			t.Errorf("rule %s listed twice", r.ID)
		}
		pos[r.ID] = i
	}
	if _, ok := pos["phrase.billing.funds"]; ok {
		t.Error("disabled rule is still listed")
	}
	if pos["code.480"] < pos["code.404"] || pos["code.480"] > pos["code.486"] {
		t.Error("overriding code.480 moved it out of its place")
	}
	if r := rules[pos["code.480"]]; r.Category != CategoryCapacityOverload || !strings.HasSuffix(r.Source, ":17") {
		t.Errorf("code.480 = %+v, want the user's rule from line 17", r)
	}
	if r := rules[pos["acme.not-register"]]; r.Match != `code=410 method=!REGISTER` {
		t.Errorf("acme.not-register listed as %+v", r)
	}
	if r := rules[pos["acme.busy-is-declined"]]; r.Match != `code=486,!487 phrase="busy here"` {
		t.Errorf("acme.busy-is-declined listed as %+v", r)
	}
	if r := rules[pos["acme.gw-down"]]; r.Severity != SeverityNormal || !strings.Contains(r.Match, "regex=") || !strings.Contains(r.Match, "code=5xx") {
		t.Errorf("acme.gw-down listed as %+v", r)
	}
	if len(c.Rules()) != len(ids) {
		t.Error("Rules is not stable")
	}
}

func TestUserRuleErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // part of the error, including the line
	}{
		{"yaml syntax", "rules:\n  - id: a\n    code: [486\n", "line"},
		{"unknown key", "rules:\n  - id: a\n    code: 486\n    colour: red\n    category: ok\n", "line 4: unknown key \"colour\""},
		{"unknown category", "rules:\n  - id: a\n    code: 486\n    category: callee.asleep\n", "line 4: rule \"a\": unknown category"},
		{"missing category", "rules:\n  - id: a\n    code: 486\n", "line 2: rule \"a\" has no category"},
		{"missing id", "rules:\n  - code: 486\n    category: ok\n", "line 2: rule without id"},
		{"no condition", "rules:\n  - id: a\n    category: ok\n", "line 2: rule \"a\" has no condition"},
		{"bad code", "rules:\n  - id: a\n    code: 4yy\n    category: ok\n", "line 3:"},
		{"bad range", "rules:\n  - id: a\n    code: 490-480\n    category: ok\n", "line 3:"},
		{"bad regex", "rules:\n  - id: a\n    regex: '(unclosed'\n    category: ok\n", "line 3: regex"},
		{"bad severity", "rules:\n  - id: a\n    code: 486\n    category: ok\n    severity: fatal\n", "line 5: severity"},
		{"bad bool", "rules:\n  - id: a\n    credentials: maybe\n    category: ok\n", "line 3: want true or false"},
		{"bad reason key", "rules:\n  - id: a\n    reason: {proto: SIP}\n    category: ok\n", "line 3: unknown reason key"},
		{"duplicate id", "rules:\n  - id: a\n    code: 1\n    category: ok\n  - id: a\n    code: 2\n    category: ok\n", "line 5: rule id \"a\" already used at line 2"},
		{"top-level key", "rulez:\n  - id: a\n", "line 1: unknown key \"rulez\""},
		{"rules not a list", "rules: 5\n", "line 1: \"rules\" must be a list"},
		{"rule not a mapping", "rules:\n  - just a string\n", "line 2: a rule must be a mapping"},
		{"disable unknown rule", "rules:\n  - id: nope\n    disabled: true\n", "line 2: disabled rule \"nope\""},
		{"cause-code without SIP", "rules:\n  - id: a\n    code: 4xx\n    category: cause-code\n", "line 4: rule \"a\": category \"cause-code\" needs reason protocol SIP"},
		{"empty keyword", "rules:\n  - id: a\n    keywords: ['...']\n    category: ok\n", "line 3: keyword"},
		{"negative prior", "rules:\n  - id: a\n    prior_challenges: -1\n    category: ok\n", "line 3: prior_challenges"},
		{"huge prior", "rules:\n  - id: a\n    prior_challenges: 256\n    category: ok\n", "line 3: prior_challenges"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeRules(t, tt.text)
			_, err := New(Options{RulesFile: path})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q, want it to name %s and contain %q", err, path, tt.want)
			}
		})
	}
	if _, err := New(Options{RulesFile: filepath.Join(t.TempDir(), "missing.yaml")}); err == nil {
		t.Error("no error for a missing rule file")
	}
}

func TestEmptyUserRules(t *testing.T) {
	builtin := len(newTestClassifier(t).Rules())
	for _, text := range []string{"", "# nothing\n", "rules:\n", "rules: []\n", "[]\n"} {
		c, err := New(Options{RulesFile: writeRules(t, text)})
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		if n := len(c.Rules()); n != builtin {
			t.Errorf("%q: %d rules, want %d", text, n, builtin)
		}
	}
}

func TestRulesListing(t *testing.T) {
	c := newTestClassifier(t)
	rules := c.Rules()
	pos := map[string]int{}
	for i, r := range rules {
		if r.ID == "" || r.Match == "" || r.Source != "builtin" {
			t.Errorf("rule %d listed as %+v", i, r)
		}
		if _, ok := Info(r.Category); !ok && r.Category != categoryFromCause {
			t.Errorf("rule %s: category %q", r.ID, r.Category)
		}
		pos[r.ID] = i
	}
	// The decision order of the taxonomy.
	order := []string{"class.ok", "context.cancel-seen", "phrase.billing.funds", "q850.17",
		"context.auth-retry-rejected", "warning.301", "code.400", "code.608", "class.4xx", "class.other"}
	for i := 1; i < len(order); i++ {
		a, okA := pos[order[i-1]]
		b, okB := pos[order[i]]
		if !okA || !okB || a >= b {
			t.Errorf("rule %s (%d, %v) must come before %s (%d, %v)", order[i-1], a, okA, order[i], b, okB)
		}
	}
	if rules[len(rules)-1].ID != "class.other" {
		t.Errorf("last rule %s, want class.other", rules[len(rules)-1].ID)
	}
	b, err := json.Marshal(rules[0])
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]any
	if err := json.Unmarshal(b, &keys); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "source", "match", "category"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("RuleInfo JSON lacks %q: %s", k, b)
		}
	}
}

func TestExplain(t *testing.T) {
	c := newTestClassifier(t)
	x := c.Explain(403, "Wrong Guess")
	want := Explanation{Code: 403, Reason: "Wrong Guess", Class: "4xx", Category: CategoryAuthCredentials,
		Severity: SeverityFault, Rule: "phrase.auth.credentials"}
	info, _ := Info(CategoryAuthCredentials)
	want.Meaning, want.Fix = info.Meaning, info.Fix
	if x != want {
		t.Errorf("Explain(403, Wrong Guess) = %+v\nwant %+v", x, want)
	}
	if x := c.Explain(488, ""); x.Reason != "Not Acceptable Here" || x.Category != CategoryMediaCodec || x.Rule != "code.488" {
		t.Errorf("Explain(488) = %+v", x)
	}
	if x := c.Explain(499, ""); x.Reason != "Codec Mismatch" || x.Category != CategoryMediaCodec {
		t.Errorf("Explain(499) = %+v", x)
	}
	if x := c.Explain(450, ""); x.Reason != "" || x.Category != CategoryProtocolError || x.Rule != "class.4xx" {
		t.Errorf("Explain(450) = %+v", x)
	}
	b, err := json.Marshal(c.Explain(480, "No money left"))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	wantKeys := []string{"category", "class", "code", "fix", "meaning", "reason", "rule", "severity"}
	sortStrings(keys)
	if !reflect.DeepEqual(keys, wantKeys) {
		t.Errorf("Explanation JSON keys %v, want %v", keys, wantKeys)
	}
	if got["code"] != float64(480) || got["category"] != "billing.funds" || got["rule"] != "phrase.billing.funds" {
		t.Errorf("Explanation JSON %s", b)
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestCacheAllocations(t *testing.T) {
	c := newTestClassifier(t)
	responses := []Response{
		{Code: 480, Reason: "No money left", Method: "INVITE"},
		{Code: 401, Reason: "Unauthorized", Method: "REGISTER", CredentialsSent: true, PriorChallenges: 1},
		{Code: 487, Reason: "Request Terminated", Method: "INVITE", CancelSent: true},
		{Code: 200, Reason: "OK", Method: "INVITE"},
		{Code: 480, Reason: "Temporarily Unavailable", Method: "INVITE", Reasons: []ReasonCause{{Protocol: "Q.850", Cause: 17, Text: "USER_BUSY"}}},
		{Code: 488, Reason: "Not Acceptable Here", Method: "INVITE", Warnings: []int{305}},
	}
	for i := range responses {
		c.Classify(&responses[i])
	}
	allocs := testing.AllocsPerRun(200, func() {
		for i := range responses {
			c.Classify(&responses[i])
		}
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations per repeated classification, want 0", allocs)
	}
}

func TestCacheKeepsContextApart(t *testing.T) {
	c := newTestClassifier(t)
	first := c.Classify(&Response{Code: 401, Reason: "Unauthorized", Method: "REGISTER"})
	retry := c.Classify(&Response{Code: 401, Reason: "Unauthorized", Method: "REGISTER", CredentialsSent: true})
	again := c.Classify(&Response{Code: 401, Reason: "Unauthorized", Method: "REGISTER"})
	busy := c.Classify(&Response{Code: 480, Reasons: []ReasonCause{{Protocol: "Q.850", Cause: 17}}})
	absent := c.Classify(&Response{Code: 480, Reasons: []ReasonCause{{Protocol: "Q.850", Cause: 20}}})
	plain := c.Classify(&Response{Code: 480})
	if busy.Category != CategoryCalleeBusy || absent.Rule != "q850.20" || plain.Rule != "code.480" {
		t.Errorf("Reason headers share a cache entry: %v %v %v", busy, absent, plain)
	}
	nat := c.Classify(&Response{Code: 488, Warnings: []int{301}})
	codec := c.Classify(&Response{Code: 488, Warnings: []int{305}})
	if nat.Category != CategoryNATPrivateAddress || codec.Rule != "warning.305" {
		t.Errorf("Warning codes share a cache entry: %v %v", nat, codec)
	}
	if first.Category != CategoryAuthChallenge || retry.Category != CategoryAuthCredentials || again != first {
		t.Errorf("first %v, retry %v, again %v", first, retry, again)
	}
	// The cache must not keep the caller's buffer: change it after the call.
	buf := []byte("No money left")
	r := Response{Code: 480, Reason: string(buf), Method: "INVITE"}
	c.Classify(&r)
	if d := c.Classify(&Response{Code: 480, Reason: "No money left", Method: "INVITE"}); d.Category != CategoryBillingFunds {
		t.Errorf("cached answer %v", d)
	}
}

func TestCacheBound(t *testing.T) {
	c, err := New(Options{CacheSize: 8})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		c.Classify(&Response{Code: 480, Reason: "phrase " + strings.Repeat("x", i)})
		if n := len(c.cache); n > 8 {
			t.Fatalf("cache holds %d entries, bound 8", n)
		}
	}
}

func TestConcurrentClassify(t *testing.T) {
	c := newTestClassifier(t)
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 500; i++ {
				d := c.Classify(&Response{Code: 480, Reason: "No money left", Method: "INVITE", PriorChallenges: i % 3})
				if d.Category != CategoryBillingFunds {
					t.Errorf("got %v", d)
					return
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

// TestPhraseVariants covers standard phrases with vendor additions, which must neither lose
// the code's meaning nor pick up a wrong one from a stray keyword.
func TestPhraseVariants(t *testing.T) {
	c := newTestClassifier(t)
	tests := []struct {
		code   int
		phrase string
		want   Category
	}{
		{415, "Unsupported Media Type - application/xyz", CategoryProtocolError},
		// Another code's standard phrase, or its translation, as a heading before the cause; the
		// cause after a heading read with its camel case; a rate limit before a keep-alive's
		// words; "transcoding from" an address names no codec.
		{500, "Internal Server Error - routing table has no entry for +88216", CategoryRouteNoRoute},
		{403, "Запрещено: вызываемый абонент отклонил входящий", CategoryCalleeDeclined},
		{480, "Call rejected: SMS delivery failed: MAP absentSubscriberSM, message stored", CategoryCalleeUnavailable},
		{403, "OPTIONS keepalive rate too high", CategoryCapacityRateLimit},
		{503, "No DSP resources available for transcoding from 198.51.100.7:5060", CategoryCapacityOverload},
		// Batches Z9 and Z10: the only methods taken, on any code; look-ups of the account's data
		// that could not be made, before their object reads as the cause; an API down; a
		// server that failed to respond; a number missing; JSON web tokens; full rooms. And
		// their neighbours: a number missing in a header is the request's, a credit that is
		// gone is money, a token service down is the back-end's.
		{403, "Only REGISTER requests are allowed", CategoryProtocolError},
		{488, "only INVITE, BYE and CANCEL supported", CategoryProtocolError},
		{403, "Only customers are allowed", CategoryPolicyForbidden},
		{500, "Could not retrieve the balance", CategoryBackendDatabase},
		{503, "Error while fetching subscriber data", CategoryBackendDatabase},
		{480, "Unable to look up the account", CategoryBackendDatabase},
		{402, "Not enough credit", CategoryBillingFunds},
		{503, "Routing API unavailable", CategoryBackendDatabase},
		{500, "AS failed to respond", CategoryNetworkUnreachable},
		{504, "Gateway did not respond", CategoryNetworkUnreachable},
		{484, "Destination number missing", CategoryNumberInvalid},
		{400, "Missing number in Expires header", CategoryProtocolError},
		{403, "JWT validation failed", CategoryAuthCredentials},
		{401, "JWS verification failed", CategoryAuthCredentials},
		{403, "Token already used", CategoryAuthCredentials},
		{503, "Token service unavailable", CategoryBackendDatabase},
		{486, "Conference is full", CategoryCapacityOverload},
		// No labelled 600 of 49 is a capacity, no 503 of 752 a cancellation, no 502 of 84 the
		// credentials: a wide rule's reading gives way to the code's there (seen.go).
		{600, "Room full", CategoryCalleeBusy},
		// Batch Z11: a request while a re-INVITE is pending, a permission required.
		{500, "Waiting for re-INVITE response", CategoryProtocolError},
		{500, "Request pending", CategoryProtocolError},
		{480, "Waiting for answer", CategoryCalleeUnavailable},
		{403, "Call Audio Permission Required", CategoryPolicyForbidden},
		{488, "Permission required for video", CategoryPolicyForbidden},
		{488, "Video not supported", CategoryMediaCodec},
		// Batch Z12: "not found" alone is a number only where the code says the target is
		// unknown; a 400 or a 5xx that cannot find something names a part of the request. A
		// server ID that does not match, like a realm, is the device's credentials.
		{400, "event not found", CategoryProtocolError},
		{500, "CallID not found", CategoryProtocolError},
		{480, "Line not found", CategoryNumberInvalid},
		{400, "Number not found", CategoryNumberInvalid},
		{403, "Server ID mismatch", CategoryAuthCredentials},
		// Trunks that are all down are a routing gap; all busy, a capacity limit.
		{502, "All trunks down", CategoryRouteNoRoute},
		{503, "All trunks busy", CategoryCapacityOverload},
		{486, "All trunks are in use", CategoryCapacityOverload},
		{503, "No free trunk lines", CategoryCapacityOverload},
		{503, "No trunk available", CategoryRouteNoRoute},
		// Words run together in capitals, as some stacks send a cause: split into the rules'
		// words when the phrase alone decided nothing but the code's default.
		{480, "NOROUTEFOUND", CategoryRouteNoRoute},
		{410, "SDPPARSINGFAILURE", CategoryMediaCodec},
		{500, "DBCONNECTIONPOOLTIMEOUT", CategoryBackendDatabase},
		{503, "NORTPPORTS", CategoryCapacityOverload},
		{603, "DECLINED", CategoryCalleeDeclined},
		// A 400 naming a part of the request as invalid or missing is a malformed request,
		// whatever the part's topic; a number, SDP or an address without such a part keeps
		// its own reading.
		{400, "Timeout value invalid", CategoryProtocolError},
		{400, "TLS parameter invalid", CategoryProtocolError},
		{400, "Invalid busy lamp field subscription", CategoryProtocolError},
		{400, "Missing capacity field", CategoryProtocolError},
		{400, "Invalid limit parameter", CategoryProtocolError},
		{400, "Invalid channel id", CategoryProtocolError},
		{400, "Invalid number format", CategoryNumberInvalid},
		{400, "Malformed SDP", CategoryMediaCodec},
		{400, "Contact has private address, enable rport", CategoryNATPrivateAddress},
		{503, "Timeout waiting for gateway", CategoryNetworkUnreachable},
		// A 481 is a dialog or transaction that is gone, whatever ended it.
		{481, "No matching transaction for CANCEL", CategoryProtocolError},
		{481, "Session timed out", CategoryProtocolError},
		{487, "Cancelled by caller", CategoryRequestCancelled},
		// A 400 or 403 that names something unavailable refuses the request; a 403 that names
		// a connection or TLS was reached and refuses.
		{403, "Platform not available", CategoryPolicyForbidden},
		{400, "Nobody to transfer to", CategoryProtocolError},
		{403, "TLS connection required", CategoryPolicyForbidden},
		{480, "Platform not available", CategoryCalleeUnavailable},
		// On 504 routing words say where the answer did not come from in time.
		{504, "Routing engine did not answer", CategoryNetworkUnreachable},
		{504, "Cannot route to destination domain", CategoryRouteNoRoute},
		// Carrier and platform wordings: auth IDs that do not match, licences not assigned,
		// premium numbers blocked, balances stated as spent, users unknown in the HSS, a callee
		// who pressed decline or flagged spam, port pools, back-ends that do not answer, IVR
		// scripts, hops that do not answer, keep-alives, unsupported option tags; passwords,
		// balances, routes, declines and no answer in more languages.
		{403, "Auth ID 2002 doesn't match the From user", CategoryAuthCredentials},
		{403, "Not enabled for voice: no calling license assigned", CategoryPolicyForbidden},
		{603, "Premium rate 0900 numbers blocked", CategoryPolicyForbidden},
		{503, "NoBal", CategoryBillingFunds},
		{500, "Credit limit reached on CCR-U", CategoryBillingFunds},
		{404, "User unknown in HLR", CategoryNumberInvalid},
		{486, "Callee pressed Reject", CategoryCalleeDeclined},
		{607, "User flagged the call as spam", CategoryCalleeDeclined},
		{608, "Spam", CategorySecurityIdentity},
		{503, "Media port range exhausted", CategoryCapacityOverload},
		{480, "OCS not responding", CategoryBackendDatabase},
		{500, "HLR timed out", CategoryBackendDatabase},
		{603, "IVR script failure", CategoryServerError},
		{504, "No response from gateway gw3", CategoryNetworkUnreachable},
		{480, "No response from user", CategoryCalleeUnavailable},
		{480, "Keepalive lost", CategoryNetworkUnreachable},
		{480, "Option tag 'timer' unsupported", CategoryProtocolError},
		{401, "Virheellinen salasana", CategoryAuthCredentials},
		{603, "잔액이 없습니다", CategoryBillingFunds},
		{480, "Không tìm thấy tuyến", CategoryRouteNoRoute},
		{603, "相手が拒否しました", CategoryCalleeDeclined},
		{408, "Teilnehmer antwortet nicht", CategoryCalleeUnavailable},
		{503, "Datenbank antwortet nicht", CategoryBackendDatabase},
		{503, "Falha na portabilidade", CategoryBackendDatabase},
		// The stack's state machine named on any code: requests, transfers, offers and answers
		// not expected or in the wrong state; the neighbours keep their meaning.
		{486, "REFER not expected in this dialog state", CategoryProtocolError},
		{500, "Unexpected PRACK", CategoryProtocolError},
		{488, "SDP answer required in reliable response", CategoryProtocolError},
		{603, "Session not stable", CategoryProtocolError},
		{480, "UPDATE received while another is pending", CategoryProtocolError},
		{403, "Transfer not allowed", CategoryPolicyForbidden},
		{480, "No answer", CategoryCalleeUnavailable},
		{603, "Call not answered", CategoryCalleeDeclined},
		// Causes in other languages: a challenge that says what is required, credentials
		// named wrong, a kind of call not enabled or not in the licence, spending limits, a
		// balance stated as spent beside the billing system that says so, prefixes without a
		// route, numbers that do not exist, a named callee busy on 5xx, a device's rejection,
		// a subscriber not registered, the caller hanging up, maintenance, per-minute limits,
		// databases, unexpected errors, no answer from a server, messages beyond the MTU; and
		// the neighbours that must keep their meaning.
		{401, "Autenticación requerida para llamadas salientes", CategoryAuthChallenge},
		{407, "Требуется авторизация", CategoryAuthChallenge},
		{401, "Passwort erforderlich", CategoryAuthChallenge},
		{401, "Mot de passe incorrect", CategoryAuthCredentials},
		{407, "Nieprawidłowe hasło", CategoryAuthCredentials},
		{480, "Chamadas internacionais não habilitadas", CategoryPolicyForbidden},
		{403, "Video non incluso nel tuo abbonamento", CategoryPolicyForbidden},
		{500, "Rating engine: account balance is negative", CategoryBillingFunds},
		{500, "Billing database timeout", CategoryBackendDatabase},
		{503, "Límite de gastos mensual alcanzado", CategoryBillingFunds},
		{404, "Prefijo no encontrado en el plan de tarifas", CategoryRouteNoRoute},
		{480, "Nomor tidak dikenal", CategoryNumberInvalid},
		{503, "Abonent jest zajęty", CategoryCalleeBusy},
		{480, "Number busy - rerouting not possible", CategoryCalleeBusy},
		{500, "User's device declined the call", CategoryCalleeDeclined},
		{503, "Teilnehmer nicht registriert", CategoryCalleeUnavailable},
		{487, "主叫挂机", CategoryRequestCancelled},
		{503, "Wartungsarbeiten, bitte später erneut versuchen", CategoryCapacityOverload},
		{503, "Alle Leitungen besetzt", CategoryCapacityOverload},
		{403, "Limite de 10 appels par minute dépassée", CategoryCapacityRateLimit},
		{503, "Błąd bazy danych", CategoryBackendDatabase},
		{480, "Beklenmeyen hata", CategoryServerError},
		{408, "Sem resposta do servidor", CategoryNetworkUnreachable},
		{480, "Brak odpowiedzi", CategoryCalleeUnavailable},
		{500, "Request exceeds MTU", CategoryProtocolError},
		// "Try later" beside a busy is the callee's; on 5xx the server's, on other 4xx a
		// limiter's. A server that does not answer is the network's before the callee's words.
		{486, "Busy, try later", CategoryCalleeBusy},
		{486, "Occupato, riprova più tardi", CategoryCalleeBusy},
		{503, "Service indisponible, réessayez plus tard", CategoryCapacityOverload},
		{403, "Forbidden - try later", CategoryCapacityRateLimit},
		{480, "Il server remoto non risponde", CategoryNetworkUnreachable},
		{480, "Non risponde", CategoryCalleeUnavailable},
		{403, "IP-Adresse nicht autorisiert", CategoryAuthCredentials},
		{608, "Odrzucone", CategorySecurityIdentity},
		{603, "Odrzucone", CategoryCalleeDeclined},
		{403, "Numéro masqué non autorisé", CategorySecurityIdentity},
		{402, "شارژ حساب شما تمام شده است", CategoryBillingFunds},
		{404, "Không có định tuyến đến đích", CategoryRouteNoRoute},
		{488, "Adres prywatny w SDP", CategoryNATPrivateAddress},
		{486, "Limite de chamadas simultâneas atingido", CategoryCapacityOverload},
		{503, "Překročen limit hovorů za sekundu", CategoryCapacityRateLimit},
		// Calls per second and per hour in Polish and Turkish, no answer from a gateway in
		// Russian, a callee's rejection in Russian, a number not allocated in French.
		{403, "Przekroczono limit połączeń na sekundę", CategoryCapacityRateLimit},
		{486, "Too many calls to this number in the last hour", CategoryCapacityRateLimit},
		{480, "Нет ответа от шлюза", CategoryNetworkUnreachable},
		{480, "Нет ответа", CategoryCalleeUnavailable},
		{403, "Вызов отклонён абонентом", CategoryCalleeDeclined},
		{480, "Numéro non attribué", CategoryNumberInvalid},
		{488, "SDP中包含私有IP地址", CategoryNATPrivateAddress},
		// A kind of call disabled is policy before "limit" reads as capacity; Max-Forwards
		// spent is a loop on any code; the called party named busy is busy also on 503, a
		// server busy stays capacity; a codec named beside a media gateway is media, the
		// gateway alone the server's; a component overloaded is capacity; an unhandled
		// exception is the server's on any code; a malformed URI is the request's.
		{403, "Account limit: international dialling disabled", CategoryPolicyForbidden},
		{403, "Account limit reached", CategoryCapacityOverload},
		{500, "Max-Forwards exhausted", CategoryRouteNoRoute},
		{503, "Called party busy", CategoryCalleeBusy},
		{503, "Server busy", CategoryCapacityOverload},
		{603, "Line in use, call waiting disabled", CategoryCalleeBusy},
		{503, "No common codec with media gateway", CategoryMediaCodec},
		{503, "Media gateway unavailable", CategoryServerError},
		{500, "No transcoding path from G.729 to OPUS", CategoryMediaCodec},
		{504, "Server Time-out: media server CPU overloaded", CategoryCapacityOverload},
		{403, "Unhandled exception in auth module", CategoryServerError},
		{404, "Malformed Request-URI: missing host part", CategoryProtocolError},
		{403, "SIP trunking feature not included in your licence", CategoryPolicyForbidden},
		{500, "Destination device offline", CategoryCalleeUnavailable},
		// A timeout on 484 is the dialling's, a ring timeout the callee's, other timeouts the
		// network's; resources on 580 are the precondition's; a named internal server error
		// is the server's on any code; a server busy in French is capacity.
		{484, "Address Incomplete: inter-digit timeout", CategoryNumberInvalid},
		{504, "Ring timeout", CategoryCalleeUnavailable},
		{504, "Gateway Time-out: no response from carrier", CategoryNetworkUnreachable},
		{580, "Precondition Failure: QoS resources not reserved", CategoryMediaCodec},
		{603, "Declined: internal server error", CategoryServerError},
		{486, "Serveur occupé, réessayez plus tard", CategoryCapacityOverload},
		{486, "Occupé", CategoryCalleeBusy},
		{603, "Callee is on another call", CategoryCalleeBusy},
		{403, "Unsupported URI scheme: tel", CategoryProtocolError},
		{503, "Billing database locked", CategoryBackendDatabase},
		// A subscriber absent or switched off is the callee's also on 5xx; a 503 that only
		// says the service is unavailable stays capacity. On 483 Max-Forwards run down is
		// the hop count; on 600 devices in use are the callee's busy.
		{503, "Subscriber absent", CategoryCalleeUnavailable},
		{503, "Phone switched off", CategoryCalleeUnavailable},
		{503, "Service temporarily unavailable", CategoryCapacityOverload},
		{483, "Max-Forwards exhausted", CategoryRouteNoRoute},
		{400, "Max-Forwards header missing", CategoryProtocolError},
		{600, "Busy everywhere - all devices in use", CategoryCalleeBusy},
		{403, "Forbidden - Premium rate destinations blocked", CategoryPolicyForbidden},
		{404, "No matching outbound dial rule", CategoryRouteNoRoute},
		{403, "Invalid DNIS", CategoryNumberInvalid},
		{503, "Keine freien Kanäle verfügbar", CategoryCapacityOverload},
		{403, "Недостатньо коштів на рахунку", CategoryBillingFunds},
		{500, "Помилка бази даних", CategoryBackendDatabase},
		// The operating system's "no route to host" is the network's; a private IPv4 address
		// given for media is NAT's, one named as a source is not; an identity header named
		// without the word "header" is identity on 403 and a malformed request on 400.
		{503, "No route to host", CategoryNetworkUnreachable},
		{404, "No route to destination", CategoryRouteNoRoute},
		{488, "Media address 10.0.0.5 not reachable", CategoryNATPrivateAddress},
		{500, "RTP to 172.16.0.9 failed", CategoryNATPrivateAddress},
		{403, "Source 10.0.0.5 not allowed", CategoryAuthCredentials},
		{403, "Missing P-Asserted-Identity", CategorySecurityIdentity},
		{400, "Missing P-Asserted-Identity", CategoryProtocolError},
		// Do-not-call lists, high-cost destination classes and fraud control are policy; a
		// negative margin is a route the provider will not take; a host or next hop that
		// could not be reached is the network's; limits on contacts are capacity.
		{603, "DO_NOT_CALL", CategoryPolicyForbidden},
		{403, "High cost destination blocked", CategoryPolicyForbidden},
		{403, "Premium rate numbers not allowed", CategoryPolicyForbidden},
		{403, "Toll fraud protection", CategoryPolicyForbidden},
		{603, "MaxPeak Cost Exceeded", CategoryBillingFunds},
		{503, "NEGATIVE_MARGIN", CategoryRouteNoRoute},
		{503, "Unable to reach destination", CategoryNetworkUnreachable},
		{480, "Unable to reach the called party", CategoryCalleeUnavailable},
		{403, "Max contacts reached", CategoryCapacityOverload},
		{403, "Binding limit exceeded", CategoryCapacityOverload},
		// The caller's own number named as invalid in other languages; a caller name lookup
		// that failed is the back-end's.
		{403, "Identificador de llamada no válido", CategorySecurityIdentity},
		{403, "Неверный номер звонящего", CategorySecurityIdentity},
		{403, "Ungültige Rufnummernanzeige", CategorySecurityIdentity},
		{403, "Numéro appelant invalide", CategorySecurityIdentity},
		{403, "主叫号码无效", CategorySecurityIdentity},
		{403, "主叫欠费", CategoryBillingFunds},
		{503, "Caller ID lookup failed", CategoryBackendDatabase},
		{488, "Частный IP-адрес", CategoryNATPrivateAddress},
		{488, "IP privado en el SDP", CategoryNATPrivateAddress},
		// On 403 a subscription is the account's plan; on 481 an event subscription.
		{403, "Subscription expired", CategoryPolicyForbidden},
		{403, "No active subscription", CategoryPolicyForbidden},
		{481, "Subscription expired", CategoryProtocolError},
		// Calls allowed per hour or day are a quota on the rate; a spend limit is money.
		{503, "Daily call limit reached", CategoryCapacityRateLimit},
		{503, "Calls per hour limit exceeded", CategoryCapacityRateLimit},
		{503, "Daily spend limit reached", CategoryBillingFunds},
		// A bundle of minutes used up is the account's money; minutes of waiting are not.
		{403, "Monthly minutes exhausted", CategoryBillingFunds},
		{480, "Out of minutes", CategoryBillingFunds},
		{480, "No answer after 2 minutes", CategoryCalleeUnavailable},
		// Ports and channels that could not be allocated were not free; memory is the server's.
		{503, "Port allocation failed", CategoryCapacityOverload},
		{500, "Failed to allocate RTP port", CategoryCapacityOverload},
		{500, "Failed to allocate memory", CategoryServerError},
		// An address said to be private is NAT's, also when the phrase names media.
		{488, "Media IP is private", CategoryNATPrivateAddress},
		{500, "Contact address is private", CategoryNATPrivateAddress},
		{486, "Call waiting disabled", CategoryCalleeBusy},
		// A feature without a licence is a permission missing; licences all in use are capacity.
		{403, "Feature not licensed", CategoryPolicyForbidden},
		{403, "License expired", CategoryPolicyForbidden},
		{503, "No license available", CategoryCapacityOverload},
		// A destination the rate deck lacks is a routing gap, as a rate plan without the
		// prefix is; a rate limit and a price stay what they are.
		{404, "Destination not in rate deck", CategoryRouteNoRoute},
		{403, "Rate not found", CategoryRouteNoRoute},
		{503, "No rate for destination", CategoryRouteNoRoute},
		{403, "Unrated destination", CategoryRouteNoRoute},
		{503, "Rate limit exceeded", CategoryCapacityRateLimit},
		{403, "Rate per minute too high", CategoryBillingFunds},
		// 580's own phrase is a failure: translated, it is still the precondition's.
		{580, "Ошибка предусловия", CategoryMediaCodec},
		{580, "Échec de la précondition", CategoryMediaCodec},
		{500, "Ошибка сервера", CategoryServerError},
		// Requests out of order or overlapping, sessions not established yet: the request's
		// fault, not a destination out of order or a call limit.
		{500, "Message arrived out of sequence", CategoryProtocolError},
		{491, "Re-INVITE already pending", CategoryProtocolError},
		{500, "Another transaction still in progress", CategoryProtocolError},
		{481, "Dialog not yet confirmed", CategoryProtocolError},
		{502, "Destination out of order", CategoryNetworkUnreachable},
		{486, "Another call in progress", CategoryCalleeBusy},
		{503, "Maximum Calls In Progress", CategoryCapacityOverload},
		// An expired session timer is a peer or path gone, a too short interval a negotiation.
		{500, "Session refresh timed out", CategoryNetworkUnreachable},
		{408, "Refresh timer expiry", CategoryNetworkUnreachable},
		{422, "Session Interval Too Small", CategoryProtocolError},
		// Do-not-disturb on any code, in other languages too.
		{603, "Declined (DND)", CategoryCalleeUnavailable},
		{600, "Nicht stören", CategoryCalleeUnavailable},
		{486, "No molestar", CategoryCalleeUnavailable},
		// Transport errors named by the operating system's words.
		{503, "I/O error", CategoryNetworkUnreachable},
		{500, "Broken pipe", CategoryNetworkUnreachable},
		{500, "connect ECONNREFUSED 10.0.0.1:5060", CategoryNetworkUnreachable},
		// "Incompatible" names a medium only beside a media word.
		{401, "Incompatible digest algorithm", CategoryAuthCredentials},
		{501, "Incompatible configuration", CategoryProtocolError},
		{488, "Incompatible codecs", CategoryMediaCodec},
		{500, "Media formats incompatible", CategoryMediaCodec},
		// Messages incomplete or truncated, numbers malformed.
		{400, "Truncated message body", CategoryProtocolError},
		{500, "Request incomplete", CategoryProtocolError},
		{484, "Called number badly formatted", CategoryNumberInvalid},
		{404, "Malformed phone number", CategoryNumberInvalid},
		// Busy everywhere is the callee's devices, a hop count is no network connection.
		{600, "All devices busy", CategoryCalleeBusy},
		{483, "Too Many Hops (connection)", CategoryRouteNoRoute},
		{486, "User does not want to be disturbed", CategoryCalleeUnavailable},
		// "Contact" the verb is no Contact header; advice to contact someone names no cause.
		{480, "Could not contact the callee", CategoryCalleeUnavailable},
		{400, "Invalid Contact header", CategoryProtocolError},
		{403, "Forbidden - please contact your administrator", CategoryPolicyForbidden},
		{500, "Database error. Please contact support", CategoryBackendDatabase},
		// Too many of something at once is a limit; a host that does not exist did not resolve.
		{500, "Too many open connections", CategoryCapacityOverload},
		{503, "Too many concurrent sessions", CategoryCapacityOverload},
		{500, "No threads left", CategoryCapacityOverload},
		{503, "Queue length exceeded", CategoryCapacityOverload},
		{503, "NXDOMAIN", CategoryNetworkUnreachable},
		{502, "Host does not resolve", CategoryNetworkUnreachable},
		{404, "Unknown domain", CategoryRouteNoRoute},
		{480, "No application configured", CategoryRouteNoRoute},
		// 415's media type is the body's; media that stopped arriving is a NAT or path failure.
		{415, "Unsupported Media", CategoryProtocolError},
		{415, "Unsupported codec", CategoryMediaCodec},
		{408, "Stopped receiving RTP", CategoryNATPrivateAddress},
		{503, "RTP stopped", CategoryNATPrivateAddress},
		// Barring in any wording is policy; a full queue is a limit reached.
		{503, "Call barring in force", CategoryPolicyForbidden},
		{480, "Subscriber barred", CategoryPolicyForbidden},
		{480, "Waiting queue is full", CategoryCapacityOverload},
		// On 480 every target failing is the callee's devices; on 503 the next hops.
		{480, "All targets unavailable", CategoryCalleeUnavailable},
		{503, "All targets failed", CategoryRouteNoRoute},
		// The families above in other languages (worded for the purpose, like the probes in the
		// package documentation).
		{480, "Cola llena", CategoryCapacityOverload},
		{480, "Warteschlange voll", CategoryCapacityOverload},
		{480, "队列已满", CategoryCapacityOverload},
		{408, "Sin RTP", CategoryNATPrivateAddress},
		{408, "Нет RTP", CategoryNATPrivateAddress},
		{503, "Hôte inexistant", CategoryNetworkUnreachable},
		{503, "Dominio inexistente", CategoryNetworkUnreachable},
		{486, "Nicht stören aktiv", CategoryCalleeUnavailable},
		// An error named as unknown says no more than its code.
		{400, "Unknown error", CategoryProtocolError},
		{500, "Unknown error", CategoryServerError},
		// An overloaded server, a concurrency limit, a missing route, trunk or gateway in
		// other languages, where the code's default says something else.
		{500, "Servidor sobrecargado", CategoryCapacityOverload},
		{500, "Servidor sobrecarregado", CategoryCapacityOverload},
		{500, "Serveur surchargé", CategoryCapacityOverload},
		{500, "Red congestionada", CategoryCapacityOverload},
		{500, "服务器繁忙", CategoryCapacityOverload},
		{486, "并发数超限", CategoryCapacityOverload},
		{503, "Rota não encontrada", CategoryRouteNoRoute},
		{480, "Ruta no encontrada", CategoryRouteNoRoute},
		{503, "Tronco indisponível", CategoryRouteNoRoute},
		{502, "Troncal no disponible", CategoryRouteNoRoute},
		{502, "Passerelle indisponible", CategoryRouteNoRoute},
		{503, "网关不可用", CategoryRouteNoRoute},
		// Each category's words in other languages, on codes whose default says something else.
		{403, "Authentifizierung fehlgeschlagen", CategoryAuthCredentials},
		{403, "鉴权失败", CategoryAuthCredentials},
		{480, "Llamadas salientes bloqueadas", CategoryPolicyForbidden},
		{480, "Appels sortants interdits", CategoryPolicyForbidden},
		{480, "Chamadas internacionais bloqueadas", CategoryPolicyForbidden},
		{480, "Destination interdite", CategoryPolicyForbidden},
		{480, "呼叫受限", CategoryPolicyForbidden},
		{480, "Cuenta deshabilitada", CategoryPolicyForbidden},
		{480, "Compte désactivé", CategoryPolicyForbidden},
		{480, "Usuário desativado", CategoryPolicyForbidden},
		{403, "Ungültige Rufnummer", CategoryNumberInvalid},
		{486, "用户未注册", CategoryCalleeUnavailable},
		{486, "关机", CategoryCalleeUnavailable},
		{500, "Códecs incompatibles", CategoryMediaCodec},
		{500, "Trop d'appels par seconde", CategoryCapacityRateLimit},
		{500, "Слишком много вызовов", CategoryCapacityRateLimit},
		{500, "呼叫频率过高", CategoryCapacityRateLimit},
		{500, "Erro de banco de dados", CategoryBackendDatabase},
		{500, "Datenbankfehler", CategoryBackendDatabase},
		{500, "Ошибка базы данных", CategoryBackendDatabase},
		{480, "Erro interno", CategoryServerError},
		{500, "Destino inalcanzable", CategoryNetworkUnreachable},
		{500, "Destination injoignable", CategoryNetworkUnreachable},
		{500, "Destino inacessível", CategoryNetworkUnreachable},
		{500, "Хост недоступен", CategoryNetworkUnreachable},
		{500, "目标不可达", CategoryNetworkUnreachable},
		{480, "Solicitud mal formada", CategoryProtocolError},
		{480, "Requête mal formée", CategoryProtocolError},
		{480, "Requisição malformada", CategoryProtocolError},
		{480, "Ungültige Anfrage", CategoryProtocolError},
		{480, "Неверный запрос", CategoryProtocolError},
		{480, "请求格式错误", CategoryProtocolError},
		{480, "IP privada en SDP", CategoryNATPrivateAddress},
		{480, "Adresse IP privée", CategoryNATPrivateAddress},
		{480, "Número oculto no permitido", CategorySecurityIdentity},
		{480, "Appels anonymes refusés", CategorySecurityIdentity},
		{480, "Chamadas anônimas bloqueadas", CategorySecurityIdentity},
		{480, "Anonyme Anrufe abgewiesen", CategorySecurityIdentity},
		{480, "Анонимные вызовы запрещены", CategorySecurityIdentity},
		{480, "拒绝匿名呼叫", CategorySecurityIdentity},
		{486, "Phone switched off", CategoryCalleeUnavailable},
		{486, "Telefono spento", CategoryCalleeUnavailable},
		{486, "Teléfono apagado", CategoryCalleeUnavailable},
		{486, "Telefone desligado", CategoryCalleeUnavailable},
		{486, "Téléphone éteint", CategoryCalleeUnavailable},
		{486, "Telefon ausgeschaltet", CategoryCalleeUnavailable},
		{486, "Телефон выключен", CategoryCalleeUnavailable},
		{480, "통화가 차단되었습니다", CategoryPolicyForbidden},
		{403, "없는 번호입니다", CategoryNumberInvalid},
		{480, "수신 거부", CategoryCalleeDeclined},
		{500, "Sunucu aşırı yüklü", CategoryCapacityOverload},
		{500, "Serwer przeciążony", CategoryCapacityOverload},
		{500, "Todos los canales ocupados", CategoryCapacityOverload},
		{500, "Alle Leitungen belegt", CategoryCapacityOverload},
		{500, "Все каналы заняты", CategoryCapacityOverload},
		{500, "コーデックが一致しません", CategoryMediaCodec},
		{500, "İstek zaman aşımı", CategoryNetworkUnreachable},
		{500, "タイムアウト", CategoryNetworkUnreachable},
		{500, "시간 초과", CategoryNetworkUnreachable},
		{480, "Błąd serwera", CategoryServerError},
		{480, "サーバーエラー", CategoryServerError},
		{480, "서버 오류", CategoryServerError},
		{480, "Richiesta non valida", CategoryProtocolError},
		{480, "Geçersiz istek", CategoryProtocolError},
		{480, "Nieprawidłowe żądanie", CategoryProtocolError},
		{480, "不正なリクエスト", CategoryProtocolError},
		{480, "잘못된 요청", CategoryProtocolError},
		{422, "Session Timer Too Small", CategoryProtocolError},
		{401, "Unauthorized - Authentication required", CategoryAuthChallenge},
		{481, "Call Does Not Exist", CategoryProtocolError},
		{400, "Bad Request - Missing Max-Forwards", CategoryProtocolError},
		{400, "Bad Request - 'Invalid Domain Name'", CategoryProtocolError},
		{483, "Max-Forwards Exceeded", CategoryRouteNoRoute},
		{404, "No Such Extension", CategoryNumberInvalid},
		{480, "User Not Found", CategoryNumberInvalid},
		{408, "Request Time-out", CategoryNetworkUnreachable},
		{503, "Service Unavailable - No Gateways", CategoryRouteNoRoute},
		{503, "Service Temporarily Unavailable", CategoryCapacityOverload},
		{488, "Media type not available", CategoryMediaCodec},
		{500, "Server Internal Error (1/TM)", CategoryServerError},
		{404, "Not Found - User not registered", CategoryCalleeUnavailable},
		{487, "Request Cancelled", CategoryRequestCancelled},
		{486, "Busy here - call limit", CategoryCapacityOverload},
		{480, "Private number not accepted", CategorySecurityIdentity},
		{403, "Private numbers not allowed", CategorySecurityIdentity},
		{433, "Anonymous calls rejected", CategorySecurityIdentity},
		{488, "Private IP in SDP", CategoryNATPrivateAddress},
		{603, "Call blocked by recipient", CategoryCalleeDeclined},
		{403, "Call blocked", CategoryPolicyForbidden},
		{503, "DNS lookup failed", CategoryNetworkUnreachable},
		{480, "Least cost routing failed", CategoryRouteNoRoute},
		{502, "Unknown host", CategoryNetworkUnreachable},
		{503, "Provider unreachable", CategoryNetworkUnreachable},
		{403, "Source IP not allowed", CategoryAuthCredentials},
		{407, "Request denied", CategoryAuthChallenge},
		{600, "Hung up by user", CategoryCalleeDeclined},
		{403, "Peer address does not match", CategoryAuthCredentials},
		{500, "Signing service unavailable", CategoryBackendDatabase},
		{403, "Security check failed", CategoryAuthCredentials},
		{403, "Registration failed", CategoryAuthCredentials},
		{403, "Registration denied", CategoryPolicyForbidden},
		{486, "Number on block list", CategoryPolicyForbidden},
		{404, "Channel offline", CategoryCalleeUnavailable},
		{500, "SAR timeout", CategoryBackendDatabase},
		// Wordings programs use in their own code: an exception or a panic, API keys and
		// tokens, a dialer's cancel, ring timers, no socket to the callee, SRTP and DTLS,
		// address families, token buckets, port pools, a number that matches several entries, a
		// media server that does not answer; in other languages, gateways named missing (a
		// gateway alone names no cause), cost limits, lines all in use, timeouts of databases
		// and servers, suspected fraud on 608; the neighbours keep their meaning.
		{500, "panic: assignment to entry in nil map", CategoryServerError},
		{503, "TypeError: Cannot read properties of undefined (reading 'uri')", CategoryServerError},
		{480, "NullPointerException in RouteHandler", CategoryServerError},
		{403, "API key revoked", CategoryAuthCredentials},
		{403, "JWT expired", CategoryAuthCredentials},
		{403, "API key lacks international dialing scope", CategoryPolicyForbidden},
		{487, "Cancelled by dialer: campaign stopped", CategoryRequestCancelled},
		{503, "Campaign abandoned the attempt", CategoryCapacityOverload},
		{480, "Ring timer expired after 45s", CategoryCalleeUnavailable},
		{480, "No WebSocket connection for alice", CategoryCalleeUnavailable},
		{488, "DTLS-SRTP required", CategoryMediaCodec},
		{488, "Address family mismatch between offer and answer", CategoryNATPrivateAddress},
		{503, "Token bucket empty for trunk 7", CategoryCapacityRateLimit},
		{503, "No free ports in RTP pool", CategoryCapacityOverload},
		{404, "Short code matches several entries", CategoryNumberInvalid},
		{504, "No response from media server ms2", CategoryNetworkUnreachable},
		{500, "Base de datos: tiempo de espera agotado", CategoryBackendDatabase},
		{503, "Время ожидания истекло", CategoryNetworkUnreachable},
		{503, "Passerelle introuvable", CategoryRouteNoRoute},
		{503, "Ninguna pasarela disponible", CategoryRouteNoRoute},
		{403, "Appels internationaux interdits sur cette passerelle", CategoryPolicyForbidden},
		{402, "Kostenlimit erreicht", CategoryBillingFunds},
		{503, "Geen vrije lijnen", CategoryCapacityOverload},
		{486, "Teilnehmer belegt", CategoryCalleeBusy},
		{608, "Cuộc gọi rác", CategorySecurityIdentity},
		{403, "Cuộc gọi bị chặn", CategoryPolicyForbidden},
		{403, "Пароль не совпадает", CategoryAuthCredentials},
		{503, "查询超时", CategoryBackendDatabase},
		{403, "Mehrwertnummern gesperrt", CategoryPolicyForbidden},
		// Mobile and IMS wordings: identities the HSS answered as unknown, peers not trusted,
		// no PSAP, a called mobile busy, coverage, DSPs and bandwidth, back-ends that are busy
		// or did not answer, software faults, TLS handshakes, Route headers, CSeq values,
		// media transports, routing that failed, unknown users to REGISTER; device texts in
		// more languages; the neighbours keep their meaning.
		{403, "IMPU unknown (Diameter 5001)", CategoryAuthCredentials},
		{403, "Private user ID not found", CategoryAuthCredentials},
		{403, "Source IP is not an authorized peer", CategoryAuthCredentials},
		{503, "No PSAP for this cell", CategoryRouteNoRoute},
		{480, "Called handset busy", CategoryCalleeBusy},
		{503, "Trunk busy", CategoryCapacityOverload},
		{480, "Subscriber out of network coverage", CategoryCalleeUnavailable},
		{503, "Out of free transcoder resources", CategoryCapacityOverload},
		{488, "Not enough bandwidth for video", CategoryCapacityOverload},
		{500, "UDM did not respond", CategoryBackendDatabase},
		{503, "OCS overloaded", CategoryBackendDatabase},
		{500, "Software error in call control", CategoryServerError},
		{500, "Announcement could not be played", CategoryServerError},
		{503, "TLS handshake to carrier failed", CategoryNetworkUnreachable},
		{400, "Route header mismatch", CategoryProtocolError},
		{500, "CSeq out of order", CategoryProtocolError},
		{401, "Stale nonce", CategoryAuthChallenge},
		{488, "Media transport unsupported", CategoryMediaCodec},
		{400, "Unsupported transport", CategoryProtocolError},
		{500, "Routing failed for PSTN leg", CategoryRouteNoRoute},
		{503, "No gateways available", CategoryRouteNoRoute},
		{500, "Missing parameters in voicemail request", CategoryServerError},
		{421, "Extension Required: precondition", CategoryProtocolError},
		{580, "Precondition failure", CategoryMediaCodec},
		{403, "Nummer ist ungültig", CategoryNumberInvalid},
		{402, "Fatura e papaguar", CategoryBillingFunds},
		{403, "Kredi limitiniz aşıldı", CategoryBillingFunds},
		{486, "Abonents ir aizņemts", CategoryCalleeBusy},
		{480, "Pengguna belum berdaftar", CategoryCalleeUnavailable},
		{488, "Privatna IP adresa u SDP-u", CategoryNATPrivateAddress},
		{503, "Registrar-Server nicht erreichbar", CategoryNetworkUnreachable},
		{503, "Charging server nicht erreichbar", CategoryBackendDatabase},
		// Carriers' words in the largest markets' languages: plans that do not include a kind
		// of call, caller numbers, anonymous callers, numbers no longer assigned (not a
		// cancelled call), coverage, a callee on another line or dropping the call, lines per
		// plan, calls in the last hour, timeouts before the database they name.
		{403, "Unser Tarif beinhaltet keine Sonderrufnummern", CategoryPolicyForbidden},
		{403, "Số chủ gọi bị sai định dạng", CategorySecurityIdentity},
		{603, "تماس ناشناس پذیرفته نمی‌شود", CategorySecurityIdentity},
		{404, "Número cancelado", CategoryNumberInvalid},
		{487, "Chamada cancelada", CategoryRequestCancelled},
		{480, "Nomor tidak terdaftar", CategoryNumberInvalid},
		{480, "Pengguna tidak terdaftar", CategoryCalleeUnavailable},
		{503, "不在服务区", CategoryCalleeUnavailable},
		{503, "Абонент разговаривает", CategoryCalleeBusy},
		{486, "Абонент сбросил вызов", CategoryCalleeDeclined},
		{403, "Превышено количество каналов", CategoryCapacityOverload},
		{480, "Demasiadas llamadas en la última hora", CategoryCapacityRateLimit},
		{500, "Timeout beim Zugriff auf die Datenbank", CategoryBackendDatabase},
		{408, "Timeout", CategoryNetworkUnreachable},
		// Trunk providers' wordings: embargoes, numbers not on a permitted list (an address not
		// on one is the caller's), accounts on hold on 401, prepay floats, budgets and amounts
		// in a currency, funds stated beside a routing failure, unknown source hosts, a callee's
		// personal block list, detached mobiles, rtpmap lines, LAN-only media, latching and
		// rport, call rates, NPDB without a reply, exceptions, names that do not resolve, URI
		// schemes on any code, duplicate headers.
		{403, "Destination embargoed", CategoryPolicyForbidden},
		{403, "Country code not in allowed list", CategoryPolicyForbidden},
		{403, "Source IP not on allow list", CategoryAuthCredentials},
		{401, "Trunk suspended by NOC", CategoryPolicyForbidden},
		{402, "Prepay float depleted", CategoryBillingFunds},
		{480, "Spent 20 EUR today, limit reached", CategoryBillingFunds},
		{503, "Unable to route: insufficient funds", CategoryBillingFunds},
		{503, "Unable to route call", CategoryRouteNoRoute},
		{403, "Host 203.0.113.9 unknown", CategoryAuthCredentials},
		{503, "Host unknown", CategoryNetworkUnreachable},
		{486, "User blocked this caller", CategoryCalleeDeclined},
		{403, "Caller on provider block list", CategoryPolicyForbidden},
		{480, "IMSI detached", CategoryCalleeUnavailable},
		{400, "Bad rtpmap line", CategoryMediaCodec},
		{488, "SDP points to LAN-only address", CategoryNATPrivateAddress},
		{503, "RTP latching failed", CategoryNATPrivateAddress},
		{503, "Calls arriving faster than allowed", CategoryCapacityRateLimit},
		{480, "10 calls/min exceeded", CategoryCapacityRateLimit},
		{480, "NPDB gave no reply", CategoryBackendDatabase},
		{480, "Unhandled exception in routing engine", CategoryServerError},
		{503, "Gateway hostname does not resolve", CategoryNetworkUnreachable},
		{480, "SIPS scheme required", CategoryProtocolError},
		{400, "Duplicate Call-ID headers", CategoryProtocolError},
		// PBX and UC wordings: credentials asked for, phone certificates, features not in a
		// licence tier, route lists exhausted, lines engaged on 486, unregistered desk phones,
		// DTMF negotiation (not a DTMF signal), private addresses advertised in SDP, queues at
		// their maximum, firmware faults, OPTIONS pings and WAN links, busy lamp fields on 405.
		{407, "Please enter your username and password", CategoryAuthChallenge},
		{407, "Wrong password", CategoryAuthCredentials},
		{403, "Device certificate expired", CategoryAuthCredentials},
		{403, "Call recording not included in your licence", CategoryPolicyForbidden},
		{503, "Route group exhausted", CategoryRouteNoRoute},
		{503, "All gateways in the group are out of service", CategoryRouteNoRoute},
		{486, "Line engaged", CategoryCalleeBusy},
		{486, "Fax not supported", CategoryMediaCodec},
		{480, "Called softphone is offline", CategoryCalleeUnavailable},
		{488, "RFC 2833 telephone-event not offered", CategoryMediaCodec},
		{400, "Malformed DTMF in INFO body", CategoryProtocolError},
		{488, "Phone offered 10.1.2.3 in SDP", CategoryNATPrivateAddress},
		{503, "Queue reached its maximum size", CategoryCapacityOverload},
		{500, "Firmware error, reboot required", CategoryServerError},
		{480, "OPTIONS ping timed out", CategoryNetworkUnreachable},
		{405, "BLF subscription for busy lamp not allowed", CategoryProtocolError},
		{407, "Trunk on administrative hold", CategoryPolicyForbidden},
		// Machine identifiers and wholesale carriers: an internal error of a named part, an
		// incomplete dial string, a malformed number on 484, spam flagged by the callee, the
		// A leg releasing first, private addresses given as literals, codecs not supported,
		// barred number ranges; transliterated Russian and German words.
		{500, "Internal error in the routing engine", CategoryServerError},
		{503, "Transit switch internal failure", CategoryServerError},
		{500, "Error interno del enrutador", CategoryServerError},
		{500, "Internal error: no route found", CategoryRouteNoRoute},
		{404, "Dial string incomplete", CategoryNumberInvalid},
		{484, "DIALPLAN_INCOMPLETE", CategoryNumberInvalid},
		{484, "Rufnummer unvollständig", CategoryNumberInvalid},
		{404, "No dial plan entry for prefix 4420", CategoryRouteNoRoute},
		{484, "Malformed R-URI user part", CategoryNumberInvalid},
		{400, "Malformed Request-URI", CategoryProtocolError},
		{607, "Unwanted: reported by the called user", CategoryCalleeDeclined},
		{608, "Spam score too high", CategorySecurityIdentity},
		{487, "A-party released before answer", CategoryRequestCancelled},
		{487, "Caller disconnected", CategoryRequestCancelled},
		{480, "RTP from 10.4.0.12 is non routable", CategoryNATPrivateAddress},
		{400, "Please configure a public IP on your PBX", CategoryNATPrivateAddress},
		{503, "Host 203.0.113.9 not reachable", CategoryNetworkUnreachable},
		{480, "G729 not supported by this route", CategoryMediaCodec},
		{503, "Codecs refused by vendor", CategoryMediaCodec},
		{403, "Premium number ranges barred", CategoryPolicyForbidden},
		{403, "Filtered destinations: satellite", CategoryPolicyForbidden},
		{402, "Nedostatochno sredstv na schete", CategoryBillingFunds},
		{500, "Oshibka bazy dannykh abonentov", CategoryBackendDatabase},
		{404, "Kein Leitweg zum Ziel", CategoryRouteNoRoute},
		{479, "Adresse IP privee dans le SDP", CategoryNATPrivateAddress},
		// Administrators' scripts and a standard phrase with a detail in another language:
		// short forms of password, maxed-out trunks, billing boxes that do not answer, scripts
		// that blew up; consent on 470, 440's fork group, 608's analytics, option tags named
		// unsupported, silent next hops; Persian, Swahili, Czech, Dutch, Afrikaans, Portuguese,
		// Hindi, Romanian, Ukrainian and Russian details.
		{403, "bad pw from 10.0.0.7", CategoryAuthCredentials},
		{403, "pw mismatch for ext 201", CategoryAuthCredentials},
		{401, "Unauthorized", CategoryAuthChallenge},
		{503, "PRI maxed out", CategoryCapacityOverload},
		{500, "Rating engine down, cannot rate call", CategoryBackendDatabase},
		{402, "Billing says no credit", CategoryBillingFunds},
		{500, "routing script blew up", CategoryServerError},
		{500, "internal err 12", CategoryServerError},
		{470, "Consent Needed - recipient has not authorized this sender", CategoryPolicyForbidden},
		{403, "Source IP not authorized", CategoryAuthCredentials},
		{440, "Max-Breadth Exceeded - fork set too big", CategoryRouteNoRoute},
		{513, "Message too big", CategoryProtocolError},
		{608, "Rejected: fraud score 97", CategorySecurityIdentity},
		{403, "Toll fraud suspected", CategoryPolicyForbidden},
		{420, "Bad Extension - replaces not supported", CategoryProtocolError},
		{403, "precondition is required by this gateway", CategoryProtocolError},
		{408, "Peer silent, retransmissions exhausted", CategoryNetworkUnreachable},
		{503, "Gateway silent for 30s", CategoryNetworkUnreachable},
		{401, "Unauthorized - گذرواژه اشتباه است", CategoryAuthCredentials},
		{603, "Decline - servicio suspendido por impago", CategoryBillingFunds},
		{503, "Service Unavailable - salio haitoshi", CategoryBillingFunds},
		{480, "Temporarily Unavailable - hakuna jibu", CategoryCalleeUnavailable},
		{404, "Not Found - číslo neexistuje", CategoryNumberInvalid},
		{484, "Address Incomplete - too short for the numbering plan", CategoryNumberInvalid},
		{486, "Busy Here - licentielimiet bereikt", CategoryCapacityOverload},
		{503, "Service Unavailable - sem portas livres", CategoryCapacityOverload},
		{429, "Too Many Requests - प्रति सेकंड सीमा", CategoryCapacityRateLimit},
		{502, "Bad Gateway - respuesta inválida del servidor", CategoryServerError},
		{500, "Server Internal Error - процесс аварийно завершился", CategoryServerError},
		{480, "Alamat IP privat di kontak", CategoryNATPrivateAddress},
		{486, "Номера нет", CategoryNumberInvalid},
		// Vertical platforms: destinations not approved and precedence levels are policy, room
		// charge limits billing, a named room's line engaged busy, a recipient's rejection a
		// decline, ICE failures NAT, all trunks occupied capacity, session stores back-ends, an
		// internal error of a recording server the server's even when the call is blocked; a
		// loop in German, a call rate in German, an alert payload on 425.
		{403, "Number not approved for this account", CategoryPolicyForbidden},
		{403, "Precedence IMMEDIATE not permitted", CategoryPolicyForbidden},
		{403, "Authorization failed for this PIN", CategoryAuthCredentials},
		{402, "Room charge limit exceeded", CategoryBillingFunds},
		{482, "Schleife erkannt", CategoryRouteNoRoute},
		{480, "Patient's phone is engaged", CategoryCalleeBusy},
		{503, "All lines to the hospital engaged", CategoryCapacityOverload},
		{403, "Callee declined the collect call", CategoryCalleeDeclined},
		{503, "ICE negotiation failed", CategoryNATPrivateAddress},
		{503, "All trunk groups busy", CategoryCapacityOverload},
		{503, "Anrufrate zu hoch", CategoryCapacityRateLimit},
		{500, "Session store timeout", CategoryBackendDatabase},
		{403, "Call blocked: internal error in the recorder", CategoryServerError},
		{403, "Call blocked by policy", CategoryPolicyForbidden},
		{425, "Alert payload rejected", CategoryProtocolError},
		{488, "Payload type 18 not accepted", CategoryMediaCodec},
		// Asian languages: parse failures and missing headers in Chinese, Japanese and Korean;
		// money limits in Korean and Urdu; spam in Korean; databases and queries in Vietnamese;
		// gateways and routes in Indonesian; full trunks in Filipino; anonymity on 433 in Hindi;
		// private ranges written with x; accounts on 404 in several scripts.
		{400, "SIP 消息解析错误", CategoryProtocolError},
		{500, "ヘッダがありません: Via", CategoryProtocolError},
		{400, "필수 헤더 누락", CategoryProtocolError},
		{403, "월 사용 금액 초과", CategoryBillingFunds},
		{402, "بیلنس ناکافی", CategoryBillingFunds},
		{603, "스팸 의심 번호", CategorySecurityIdentity},
		{503, "Lỗi cơ sở dữ liệu", CategoryBackendDatabase},
		{404, "Tidak ada rute ke tujuan", CategoryRouteNoRoute},
		{503, "Puno na ang mga channel", CategoryCapacityOverload},
		{433, "Anonymity not allowed here", CategorySecurityIdentity},
		{403, "Calls not allowed after 22:00", CategoryPolicyForbidden},
		{488, "SDP c= line carries 10.x.x.x", CategoryNATPrivateAddress},
		{404, "账号不存在", CategoryAuthCredentials},
		{404, "アカウントが見つかりません", CategoryAuthCredentials},
		{404, "番号が見つかりません", CategoryNumberInvalid},
		// Phrases full of data and cloud calling services: Via headers on 482, users named by
		// number as not registered, SRV names on 476, connections refused by private hosts,
		// private destinations, method lists on 405, sec-agree on 494, revoked keys on 401,
		// unknown auth users to REGISTER, policies and settings that forbid, calls answered on
		// another device, queues at their maximum, applications answering HTTP 5xx, OPTIONS
		// unanswered, glare on 491.
		{482, "Loop Detected - Via sip.example.net seen twice", CategoryRouteNoRoute},
		{400, "Via header malformed", CategoryProtocolError},
		{480, "Extension 214 not registered", CategoryCalleeUnavailable},
		{480, "Callee alice@example.com is unregistered", CategoryCalleeUnavailable},
		{403, "Your phone 201 is not registered", CategoryAuthCredentials},
		{476, "No such host: gw.example.invalid", CategoryNetworkUnreachable},
		{503, "Connection refused by 192.168.0.9:5060", CategoryNetworkUnreachable},
		{488, "SDP connection address 192.168.0.9", CategoryNATPrivateAddress},
		{403, "Private destinations are not served", CategoryNATPrivateAddress},
		{405, "Method not allowed (Allow: INVITE, ACK, CANCEL, BYE)", CategoryProtocolError},
		{480, "Caller cancelled", CategoryRequestCancelled},
		{494, "Security agreement required on this interconnect", CategoryAuthChallenge},
		{401, "Token revoked", CategoryAuthCredentials},
		{404, "No such SIP user in this domain", CategoryNumberInvalid},
		{480, "Video calling disabled by the administrator's policy", CategoryPolicyForbidden},
		{403, "Company settings forbid calls to this region", CategoryPolicyForbidden},
		{487, "Answered on another device", CategoryRequestCancelled},
		{486, "Queue is full", CategoryCapacityOverload},
		{502, "Webhook returned HTTP 503", CategoryServerError},
		{502, "Customer application responded with 500", CategoryServerError},
		{503, "Trunk stopped responding to OPTIONS", CategoryNetworkUnreachable},
		{491, "Codec change re-INVITE crossed ours", CategoryProtocolError},
		// Real batches T and U: servers draining, limits of money spent, the originator's
		// number, header fields too long on 403, nonces the server does not know, users not
		// found in a database, answer timeouts in Chinese.
		{503, "Node draining, try another", CategoryCapacityOverload},
		{402, "Monthly spent limit reached", CategoryBillingFunds},
		{403, "Originator number not allowed", CategorySecurityIdentity},
		{403, "From header field too long", CategoryProtocolError},
		{401, "Unknown nonce", CategoryAuthChallenge},
		{401, "Wrong password", CategoryAuthCredentials},
		{404, "Number not found in database", CategoryNumberInvalid},
		{500, "Database not found", CategoryBackendDatabase},
		{480, "振铃超时", CategoryCalleeUnavailable},
		{403, "Invoice not paid", CategoryBillingFunds},
		{403, "Outstanding invoices on the account", CategoryBillingFunds},
		// Answers to methods other than a first INVITE: bills to be paid before registering,
		// recipients not signed in or who blocked the sender, transfer targets that are not
		// valid extensions, keep-alives too often, call records that could not be written.
		{403, "Service blocked until the outstanding bill is paid", CategoryBillingFunds},
		{480, "User not signed in", CategoryCalleeUnavailable},
		{403, "Request not signed", CategorySecurityIdentity},
		{603, "The recipient has blocked you", CategoryCalleeDeclined},
		{404, "2040 is not a valid extension", CategoryNumberInvalid},
		{420, "Bad Extension: replaces", CategoryProtocolError},
		{503, "Registering too often, back off", CategoryCapacityRateLimit},
		{500, "CDR insert failed", CategoryBackendDatabase},
		// Interworking gateways: SCCP global titles, ISUP hop counters, ports that rang without
		// answer, call gapping, teleservices not provisioned, peers not in a trusted list,
		// CAMEL service points that time out, internal errors in Arabic, D-channels, spans and
		// E1s down or in alarm, failed continuity checks.
		{503, "GTT failure for called party address", CategoryRouteNoRoute},
		{483, "Hop counter reached zero", CategoryRouteNoRoute},
		{480, "Rang 60 s without answer", CategoryCalleeUnavailable},
		{503, "Call gapping in force", CategoryCapacityRateLimit},
		{403, "Teleservice TS62 not provisioned", CategoryPolicyForbidden},
		{403, "Request not from a trusted peer list member: not on the trusted host list", CategoryAuthCredentials},
		{480, "gsmSCF timed out", CategoryBackendDatabase},
		{402, "gsmSCF released the call: credit exhausted", CategoryBillingFunds},
		{500, "خطأ داخلي", CategoryServerError},
		{503, "PRI span 1 down", CategoryNetworkUnreachable},
		{503, "T1 red alarm", CategoryNetworkUnreachable},
		{500, "COT failure on CIC 12", CategoryNetworkUnreachable},
		{503, "All trunks busy", CategoryCapacityOverload},
		{603, "Webhook failed", CategoryServerError},
		{503, "Webhook unreachable", CategoryNetworkUnreachable},
		// Spanish and Portuguese idiom: credentials asked for, classes of service, consumption
		// caps, busy lines, free channels, attempts per hour, registrars that do not answer,
		// spam marked by the subscriber, collect-call blocks, non-payment, minute bundles, numbers
		// deactivated on 410, agents who refused, nobody answering, private IPs, licences,
		// internal failures. Russian, Ukrainian, Turkish, Arabic, Polish, Czech, Bulgarian,
		// Croatian, Greek, Zulu and French: non-payment, portability databases, upstream
		// operators and gateways that do not answer, calls too frequent or per second,
		// databases, balances, hidden numbers, accounts on 404, concurrent calls, bad answers.
		{407, "Se requiere autenticación de proxy", CategoryAuthChallenge},
		{480, "Interno sin categoría para celulares", CategoryPolicyForbidden},
		{404, "Sin ruta internacional", CategoryRouteNoRoute},
		{486, "Tope de consumo diario alcanzado", CategoryBillingFunds},
		{480, "Línea comunicando", CategoryCalleeBusy},
		{503, "Troncal sin canales libres", CategoryCapacityOverload},
		{480, "Máximo de intentos por hora alcanzado", CategoryCapacityRateLimit},
		{408, "Sin respuesta del proxy", CategoryNetworkUnreachable},
		{607, "O assinante marcou a chamada como spam", CategoryCalleeDeclined},
		{403, "Cliente inadimplente", CategoryBillingFunds},
		{486, "Bolsa de minutos agotada", CategoryBillingFunds},
		{410, "Número desativado", CategoryNumberInvalid},
		{480, "Nadie contestó", CategoryCalleeUnavailable},
		{479, "No enviamos a direcciones privadas", CategoryNATPrivateAddress},
		{480, "Falla interna del servidor de medios", CategoryServerError},
		{403, "Обслуживание приостановлено за неуплату", CategoryBillingFunds},
		{503, "Нет ответа от шлюза оператора", CategoryNetworkUnreachable},
		{403, "Слишком частые попытки регистрации", CategoryCapacityRateLimit},
		{500, "Veritabanı hatası", CategoryBackendDatabase},
		{402, "رصيدك غير كاف", CategoryBillingFunds},
		{404, "Неизвестный аккаунт", CategoryAuthCredentials},
		{503, "Przekroczono limit połączeń na minutę", CategoryCapacityRateLimit},
		{502, "Neplatná odpověď serveru", CategoryServerError},
		{503, "Prekoračen broj istovremenih razgovora", CategoryCapacityOverload},
		{488, "SDP c=IN IP4 10.20.30.40", CategoryNATPrivateAddress},
		{504, "La passerelle SIP de l'opérateur ne répond pas", CategoryNetworkUnreachable},
		// Western and Northern European idiom, Russian and Chinese: bills and invoices, channel
		// limits and simultaneous calls, ring time, compound database and loop words, routing
		// in French, hidden numbers, credit; spending and credit limits, misdialled numbers,
		// registrations missing, rating servers that do not answer, callers on a blacklist (and
		// a personal one), call frequency, unauthorised source addresses, Traditional Chinese.
		{403, "Anschluss gesperrt: Rechnung offen", CategoryBillingFunds},
		{503, "Kanallimit erreicht", CategoryCapacityOverload},
		{503, "Nombre maximal d'appels simultanés atteint", CategoryCapacityOverload},
		{480, "Niemand hat abgenommen", CategoryCalleeUnavailable},
		{500, "Teilnehmerdatenbank nicht erreichbar", CategoryBackendDatabase},
		{482, "Weiterleitungsschleife", CategoryRouteNoRoute},
		{503, "Acheminement impossible", CategoryRouteNoRoute},
		{403, "Skjult nummer ikke tilladt", CategorySecurityIdentity},
		{402, "Превышен лимит расходов", CategoryBillingFunds},
		{404, "Номер набран неправильно", CategoryNumberInvalid},
		{480, "Нет активной регистрации", CategoryCalleeUnavailable},
		{503, "Сервер тарификации не отвечает", CategoryBackendDatabase},
		{403, "Номер в черном списке оператора", CategoryPolicyForbidden},
		{603, "Callee put this caller on a personal blacklist", CategoryCalleeDeclined},
		{403, "Caller number not allowed", CategorySecurityIdentity},
		{480, "外呼频次超限", CategoryCapacityRateLimit},
		{403, "未經授權的來源", CategoryAuthCredentials},
		{402, "餘額不足", CategoryBillingFunds},
		{503, "資料庫無回應", CategoryBackendDatabase},
		// Arabic, Turkish, Persian and Hebrew: unauthorised source addresses, accounts on 404,
		// subscribers who refused, trunk channels, ring time, unpaid bills and debt, credit in
		// Turkish, international calls closed, requests beyond the limit, outbound trunks and
		// routes, private addresses in Hebrew.
		{403, "عنوان IP غير مصرح له", CategoryAuthCredentials},
		{404, "حساب SIP غير موجود", CategoryAuthCredentials},
		{480, "المشترك رفض المكالمة", CategoryCalleeDeclined},
		{503, "كل قنوات الترنك محجوزة", CategoryCapacityOverload},
		{403, "لم يتم سداد الفاتورة", CategoryBillingFunds},
		{486, "Kontörünüz bitti", CategoryBillingFunds},
		{403, "Yurt dışı aramalar kapalı", CategoryPolicyForbidden},
		{503, "تعداد درخواست بیش از حد مجاز", CategoryCapacityRateLimit},
		{404, "مسیر یافت نشد", CategoryRouteNoRoute},
		{603, "חוב פתוח בחשבון", CategoryBillingFunds},
		{488, "כתובת IP פרטית ב-SDP", CategoryNATPrivateAddress},
		// Japanese and Korean: Korean particles written onto a keyword, outgoing calls not in
		// the contract, routes, nuisance calls the user rejected, answered on another terminal
		// (a group, not a loop), bursts of calls, usage caps, recharging, no answer, lines over
		// their count, next hops, session timers.
		{401, "비밀번호가 틀렸습니다", CategoryAuthCredentials},
		{404, "계정을 찾을 수 없습니다", CategoryAuthCredentials},
		{486, "着信専用回線のため発信できません", CategoryPolicyForbidden},
		{503, "宛先への経路がありません", CategoryRouteNoRoute},
		{607, "迷惑電話として拒否されました", CategoryCalleeDeclined},
		{487, "グループ着信: 他の端末で応答", CategoryRequestCancelled},
		{482, "ループを検出しました", CategoryRouteNoRoute},
		{403, "一時規制中", CategoryCapacityRateLimit},
		{402, "利用上限額を超えました", CategoryBillingFunds},
		{603, "충전 후 이용해 주십시오", CategoryBillingFunds},
		{408, "상대방 미응답", CategoryCalleeUnavailable},
		{503, "회선 초과", CategoryCapacityOverload},
		{408, "다음 홉 응답 없음", CategoryNetworkUnreachable},
		{403, "세션 타이머 너무 짧음", CategoryProtocolError},
		{480, "媒体服务器故障", CategoryServerError},
		{488, "媒体格式不支持", CategoryMediaCodec},
		{503, "Medienserver nicht erreichbar", CategoryServerError},
		// English of non-native writers: security agreements on 494, numbers no more in use
		// or empty, 604's "any network", subscribers shut down or out of the service area,
		// maintenance misspelt, database connections that fail.
		{494, "Security agreement require", CategoryAuthChallenge},
		{410, "Number no longer in use", CategoryNumberInvalid},
		{486, "Line in use", CategoryCalleeBusy},
		{604, "Does not exist in any network", CategoryNumberInvalid},
		{480, "Phone is shutdown", CategoryCalleeUnavailable},
		{503, "System shutdown in progress", CategoryCapacityOverload},
		{404, "Called party out of service area", CategoryCalleeUnavailable},
		{503, "Under maintanance", CategoryCapacityOverload},
		{500, "DB connection failure, retry later", CategoryBackendDatabase},
		// Southeast and South Asia: no answer in Thai and Nepali, arrears and routing in Malay,
		// routing and gateways in Bengali and Telugu, not authorised and internal errors in
		// Bengali, 0.0.0.0 on 488 whatever follows it, databases in Nepali, passwords in Sinhala.
		{480, "ปลายทางไม่รับสาย", CategoryCalleeUnavailable},
		{403, "Bil tertunggak", CategoryBillingFunds},
		{404, "Panggilan tidak dapat dihalakan", CategoryRouteNoRoute},
		{404, "রাউটিং ব্যর্থ", CategoryRouteNoRoute},
		{500, "অভ্যন্তরীণ ত্রুটি", CategoryServerError},
		{488, "c=IN IP4 0.0.0.0 అసాధ్యం", CategoryNATPrivateAddress},
		{500, "डाटाबेस त्रुटि", CategoryBackendDatabase},
		{401, "මුරපදය වැරදියි", CategoryAuthCredentials},
		// French and Italian: numbers not in service, accounts on 404, source addresses not
		// recognised or not enabled, plans used up, portability databases, numbering that does
		// not exist, credentials asked for, services not in the contract, private addresses,
		// channels used up on a trunk group, a codec refused on 415.
		{503, "Ce numéro n'est pas en service", CategoryNumberInvalid},
		{404, "Compte inconnu", CategoryAuthCredentials},
		{403, "Adresse IP source non autorisée", CategoryAuthCredentials},
		{403, "Indirizzo IP di origine non riconosciuto", CategoryAuthCredentials},
		{403, "Service non activé", CategoryPolicyForbidden},
		{486, "Forfait épuisé", CategoryBillingFunds},
		{503, "Base de portabilité injoignable", CategoryBackendDatabase},
		{404, "Numero inesistente", CategoryNumberInvalid},
		{401, "Inviare le credenziali", CategoryAuthChallenge},
		{402, "Opzione non incluso nel contratto", CategoryPolicyForbidden},
		{479, "Indirizzi IP privati non ammessi", CategoryNATPrivateAddress},
		{503, "Canali esauriti", CategoryCapacityOverload},
		{415, "Codec G729 refusé", CategoryMediaCodec},
		{415, "Type de média non pris en charge", CategoryProtocolError},
		// German and Dutch: registrations refused to an unknown user, block lists of the PBX,
		// a router's do-not-disturb, voice codecs, all voice channels, parallel calls,
		// portability queries, registrars that do not answer, and simultaneous requests on 491.
		{404, "Registrierung abgelehnt", CategoryAuthCredentials},
		{603, "Rufnummer auf der Sperrliste", CategoryPolicyForbidden},
		{486, "Ruhe vor dem Telefon", CategoryCalleeUnavailable},
		{488, "Kein passender Codec", CategoryMediaCodec},
		{486, "Alle Sprachkanäle belegt", CategoryCapacityOverload},
		{503, "Zu viele parallele Gespräche", CategoryCapacityOverload},
		{480, "Portierungsabfrage nicht möglich", CategoryBackendDatabase},
		{408, "Geen antwoord van de registrar", CategoryNetworkUnreachable},
		{480, "Geen antwoord", CategoryCalleeUnavailable},
		{491, "Gleichzeitiger re-INVITE", CategoryProtocolError},
		{503, "Gleichzeitige Anrufe überschritten", CategoryCapacityOverload},
		// Central, South-Eastern and Northern Europe, the Baltics and Greece: accounts disabled
		// by an administrator, subscriber databases, withheld numbers, gateways that do not
		// answer, ring time, passwords and credentials, busy lines, unregistered extensions,
		// calls per second or minute, all channels, invoices and talk time, do-not-disturb,
		// gateways and routes, numbers not in use, credit, barring.
		{403, "Konto wyłączone przez administratora", CategoryPolicyForbidden},
		{500, "Błąd bazy danych", CategoryBackendDatabase},
		{403, "Numer zastrzeżony", CategorySecurityIdentity},
		{504, "Brána neodpovídá", CategoryNetworkUnreachable},
		{480, "Nem veszi fel", CategoryCalleeUnavailable},
		{403, "Parola greșită", CategoryAuthCredentials},
		{480, "Linia este ocupată", CategoryCalleeBusy},
		{503, "Preveč klicev na sekundo", CategoryCapacityRateLimit},
		{403, "Felaktiga inloggningsuppgifter", CategoryAuthCredentials},
		{486, "Alle kanaler optaget", CategoryCapacityOverload},
		{500, "Fel i databasen", CategoryBackendDatabase},
		{403, "Spærret pga. manglende betaling", CategoryBillingFunds},
		{486, "Forstyr ikke", CategoryCalleeUnavailable},
		{503, "Ingen rute til destinasjonen", CategoryRouteNoRoute},
		{404, "Number ei ole kasutusel", CategoryNumberInvalid},
		{402, "Nepietiek kredīta", CategoryBillingFunds},
		{603, "Zvani bloķēti", CategoryPolicyForbidden},
		{503, "Ingen svar fra registrar", CategoryNetworkUnreachable},
		{480, "Ingen svar", CategoryCalleeUnavailable},
		// SBCs' own reasons and regulation: unclassified sources, REGISTER refused on 404,
		// domains not served and relaying denied, realms that may not reach each other (an SBC's
		// realm is not a digest realm), 440's and 485's own words, DND on an extension, message
		// and session rates per second (a price per minute is not a rate), program variables;
		// DND and do-not-call registries, wallets, calls on another line, calls screened by the
		// callee, handsets not attached, daily call caps, registry scrubs and verification
		// services timing out, gateways that did not answer, header values not valid.
		{403, "Unclassified source 203.0.113.5", CategoryAuthCredentials},
		{404, "REGISTER refused: unknown AoR", CategoryAuthCredentials},
		{404, "aor_not_registered", CategoryCalleeUnavailable},
		{403, "Relay denied for domain example.org", CategoryPolicyForbidden},
		{403, "Realm core may not reach realm lab", CategoryPolicyForbidden},
		{401, "Digest realm mismatch", CategoryAuthCredentials},
		{440, "Max-Breadth exceeded: 10 branches over limit 4", CategoryRouteNoRoute},
		{485, "Ambiguous: matches several dial plan entries", CategoryNumberInvalid},
		{480, "DND active (feature server)", CategoryCalleeUnavailable},
		{503, "300 msg/s over limit", CategoryCapacityRateLimit},
		{486, "Insufficient balance at 0.05/min", CategoryBillingFunds},
		{500, "Null variable in routing script", CategoryServerError},
		{480, "DND registered number, promotional call blocked", CategoryPolicyForbidden},
		{607, "Reported by the subscriber as telemarketing", CategoryCalleeDeclined},
		{402, "Wallet empty", CategoryBillingFunds},
		{486, "Subscriber on another call", CategoryCalleeBusy},
		{603, "Called subscriber rejected the call", CategoryCalleeDeclined},
		{480, "Mobile not attached", CategoryCalleeUnavailable},
		{486, "Daily call cap reached", CategoryCapacityRateLimit},
		{503, "DNC registry scrub timed out", CategoryBackendDatabase},
		{408, "Gateway did not answer", CategoryNetworkUnreachable},
		{400, "Diversion header not a valid URI", CategoryProtocolError},
		// Latin American Spanish: portability databases that time out (a generic timeout in
		// another language is read after the more specific rules), private numbers, extensions
		// that did not answer, routes not configured, minutes left, keys, links down, long
		// distance without authorisation, challenges, RADIUS rating servers, BBDD, addresses
		// not registered with the provider.
		{500, "Error al consultar la base de datos", CategoryBackendDatabase},
		{408, "Tiempo de espera agotado", CategoryNetworkUnreachable},
		{408, "Tiempo de espera agotado: el interno no contestó", CategoryCalleeUnavailable},
		{504, "Время ожидания ответа от сервера истекло", CategoryNetworkUnreachable},
		{403, "Llamadas con numero privado no permitidas", CategorySecurityIdentity},
		{480, "Sin ruta configurada", CategoryRouteNoRoute},
		{480, "Sin minutos disponibles", CategoryBillingFunds},
		{403, "Clave incorrecta", CategoryAuthCredentials},
		{503, "Enlace caído", CategoryNetworkUnreachable},
		{403, "Sin autorización para llamadas internacionales", CategoryPolicyForbidden},
		{401, "Desafío de autenticación", CategoryAuthChallenge},
		{500, "Error en la BBDD", CategoryBackendDatabase},
		{403, "IP no dada de alta", CategoryAuthCredentials},
		// Brazilian and European Portuguese: no permission, features not licensed, consumption
		// caps, interconnects not configured, users who rejected, SDP without audio, TLS.
		{403, "Ramal sem permissão para ligações internacionais", CategoryPolicyForbidden},
		{403, "Gravação não licenciada", CategoryPolicyForbidden},
		{503, "Licenças esgotadas", CategoryCapacityOverload},
		{480, "Teto de consumo atingido", CategoryBillingFunds},
		{404, "Sem interconexão para a operadora", CategoryRouteNoRoute},
		{486, "Usuário rejeitou", CategoryCalleeDeclined},
		{415, "SDP sem fluxo de áudio", CategoryMediaCodec},
		{503, "Falha na conexão TLS com o tronco", CategoryNetworkUnreachable},
		// Keywords an earlier rule had read as another category: a network or host named down
		// (not a callee who is unavailable), a server that does not answer in Russian, Spanish
		// and Portuguese (not a callee who does not answer), a timeout in Portuguese (not an
		// exhausted capacity), a bearer service the subscription lacks (not a bearer capability),
		// the caller's hang-up on a 603 and the callee's "hung up in your face".
		{480, "Network unavailable", CategoryNetworkUnreachable},
		{408, "Netz nicht erreichbar", CategoryNetworkUnreachable},
		{404, "Сеть недоступна", CategoryNetworkUnreachable},
		{500, "网络异常", CategoryNetworkUnreachable},
		{480, "Destination unavailable", CategoryCalleeUnavailable},
		{503, "HLR network unavailable", CategoryBackendDatabase},
		{408, "Сервер не отвечает", CategoryNetworkUnreachable},
		{486, "Абонент не отвечает", CategoryCalleeUnavailable},
		{503, "El servidor no contesta", CategoryNetworkUnreachable},
		{480, "O servidor não atende", CategoryNetworkUnreachable},
		{480, "O assinante não atende", CategoryCalleeUnavailable},
		{503, "Tempo limite esgotado", CategoryNetworkUnreachable},
		{503, "Canais esgotados", CategoryCapacityOverload},
		{403, "Bearer service not provisioned", CategoryPolicyForbidden},
		{488, "Bearer capability not implemented", CategoryMediaCodec},
		{603, "主叫挂断", CategoryRequestCancelled},
		{603, "被叫挂断", CategoryCalleeDeclined},
		{603, "Desligou na cara", CategoryCalleeDeclined},
		{404, "Not Found in location", CategoryCalleeUnavailable},
		{404, "Not Found", CategoryNumberInvalid},
		// "Try later" is advice: the cause named beside it comes first, and only a phrase that
		// says nothing else is a limiter's (4xx) or an overloaded server's (5xx).
		{403, "Account suspended, try later", CategoryPolicyForbidden},
		{404, "User not found, please try again later", CategoryNumberInvalid},
		{503, "Network unreachable, try again later", CategoryNetworkUnreachable},
		{400, "Malformed Via header - retry later", CategoryProtocolError},
		{403, "Try again later", CategoryCapacityRateLimit},
		{503, "Please try again later", CategoryCapacityOverload},
		{500, "Error, please try again later", CategoryServerError},
		{500, "There is an issue with the carrier gateway, please try again later", CategoryServerError},
		{403, "Forbidden - try again later", CategoryCapacityRateLimit},
		{429, "Please retry later.", CategoryCapacityRateLimit},
		{403, "Flood protection: too many INVITEs/sec from 198.51.100.23 - try later", CategoryCapacityRateLimit},
		{402, "Bakiye yetersiz: 0,00 TRY", CategoryBillingFunds},
		// A component that failed to initialise, on any code; an error reported in Chinese; a
		// DID with no mapping; a feature not in the subscription's level; a single trunk that
		// cannot be reached (all of them is the dial plan's).
		{480, "Speech engine initialization timed out", CategoryServerError},
		{503, "Failed to initialize the media module", CategoryServerError},
		{503, "Database initialization failed", CategoryBackendDatabase},
		{408, "Initial INVITE timed out", CategoryNetworkUnreachable},
		{480, "呼叫时出错", CategoryServerError},
		{404, "DID not mapped to any extension", CategoryRouteNoRoute},
		{404, "DID not in service", CategoryNumberInvalid},
		{403, "Video not available for your subscription plan", CategoryPolicyForbidden},
		{503, "Trunk is unreachable", CategoryNetworkUnreachable},
		{503, "All gateways unreachable", CategoryRouteNoRoute},
		{503, "Carrier unavailable", CategoryRouteNoRoute},
		// A digest realm that does not match or that no account has (the device's credentials
		// to fix); a media anchor that failed (a relay, not a codec); a server that says it is
		// full.
		{403, "Realms did not match", CategoryAuthCredentials},
		{403, "Unknown or invalid realm", CategoryAuthCredentials},
		{500, "RTP anchor failure", CategoryServerError},
		{503, "Media anchoring failed: c=0.0.0.0 in offer", CategoryNATPrivateAddress},
		{486, "Sorry, we are full", CategoryCapacityOverload},
		// Something that failed to load is the server's, unless it was to be read from a
		// back-end.
		{500, "Error loading incoming dial plan", CategoryServerError},
		{503, "Failed to load routing table", CategoryServerError},
		{480, "Could not load subscriber profile from HSS", CategoryBackendDatabase},
		{500, "Unable to fetch user from redis", CategoryBackendDatabase},
		{404, "No route in dial plan", CategoryRouteNoRoute},
		// Secure media named as required is the offer's media; an unknown account of any kind
		// to REGISTER is the device's own; a media resource that failed is the media server's.
		{488, "Trunk or domain is required to use secure media (SRTP)", CategoryMediaCodec},
		// A host named as where something happened is not a network fault ("host" alone was a
		// network keyword); hosts that cannot be reached still are.
		{403, "Forbidden on host pbx-3", CategoryPolicyForbidden},
		// "header", "content" and "extension" alone named no protocol fault: removing them from
		// the protocol rule changed no labelled phrase's reading for the worse and four for the
		// better. Headers and content named as malformed, missing or unsupported still are.
		{500, "Error while stripping untrusted headers", CategoryServerError},
		{488, "Bad content", CategoryMediaCodec},
		{500, "Malformed header in request", CategoryProtocolError},
		{415, "Unsupported content type", CategoryProtocolError},
		{420, "Unsupported extension: foo", CategoryProtocolError},
		{500, "SDP processing exception", CategoryMediaCodec},
		{480, "Call processing exception", CategoryServerError},
		// "Fraud" names why a limit or a block exists, not which: a fraud guard's spend cap is a
		// billing limit, its velocity rule a rate limit, and fraud alone a policy block.
		{603, "Fraud guard: daily international spend cap reached", CategoryBillingFunds},
		{403, "Fraud velocity rule: 14 attempts within 5 min", CategoryCapacityRateLimit},
		{403, "Fraud suspected", CategoryPolicyForbidden},
		{403, "Toll fraud protection", CategoryPolicyForbidden},
		{400, "Malformed request on host pbx-3", CategoryProtocolError},
		{503, "Remote host closed connection", CategoryNetworkUnreachable},
		{503, "Host unreachable", CategoryNetworkUnreachable},
		{488, "SRTP is mandatory on this trunk", CategoryMediaCodec},
		{400, "Domain name required in Request-URI", CategoryProtocolError},
		{503, "Media resource failure", CategoryServerError},
		{503, "Media Resources Unavailable", CategoryCapacityOverload},
		{503, "Node 2 try later", CategoryCapacityOverload},
		// An API key refused is the caller's credentials; a limit on the API is not.
		{403, "Upstream rejected the API key", CategoryAuthCredentials},
		{502, "API_KEY expired", CategoryServerError},
		{403, "API rate limit exceeded", CategoryCapacityRateLimit},
		// A dial string or dialled digits that are wrong are the number's.
		{404, "Wrong dial string", CategoryNumberInvalid},
		{484, "Invalid dialing digits", CategoryNumberInvalid},
		// A 4xx names the client's certificate, whichever word comes first; a 5xx or a 477
		// (send failed) the next hop's; the identity codes the signer's.
		{403, "Certificate not issued by a trusted CA", CategoryAuthCredentials},
		{403, "Client cert CN does not match the account", CategoryAuthCredentials},
		{503, "TLS certificate expired on the next hop", CategoryNetworkUnreachable},
		{477, "Send failed: certificate expired", CategoryNetworkUnreachable},
		{437, "Certificate expired", CategorySecurityIdentity},
		// No transport to send on is the network's.
		{503, "No transport", CategoryNetworkUnreachable},
		{480, "No suitable transport for sips URI", CategoryNetworkUnreachable},
		// A media component that failed to start is the server's; media that do not match are
		// the negotiation's.
		{500, "Video init error", CategoryServerError},
		{503, "Failed to initialize audio device", CategoryServerError},
		{488, "Audio codecs do not match", CategoryMediaCodec},
		// Too many sessions of a named component is its limit, not its failure.
		{503, "Too many media server sessions", CategoryCapacityOverload},
		{503, "Media server failure", CategoryServerError},
		{403, "Too many calls per second", CategoryCapacityRateLimit},
		// An apology before "try again" names no fault: the advice alone decides; beside a fault
		// the fault does.
		{503, "Sorry, please try again in a few minutes", CategoryCapacityOverload},
		{500, "Sorry, an internal error occurred", CategoryServerError},
		// On 491 an identifier "in use" is glare or a reused Call-ID, never a busy callee.
		{491, "Call-ID in use by another INVITE", CategoryProtocolError},
		{486, "Line in use", CategoryCalleeBusy},
		// "Channel" is a limit only when channels are counted or missing, not an identifier.
		{400, "Missing channel id", CategoryProtocolError},
		{503, "No channel available", CategoryCapacityOverload},
		{503, "All channels busy", CategoryCapacityOverload},
		{480, "Channel limit hit", CategoryCapacityOverload},
		// A keep-alive is the network's when it failed, not when it names a message.
		{400, "Malformed keepalive body", CategoryProtocolError},
		{480, "Keep-alive timeout on flow 3", CategoryNetworkUnreachable},
		{480, "No keepalive from the PBX", CategoryNetworkUnreachable},
		// The media's transport and its TCP setup role are the negotiation's.
		{488, "SRTP over TCP not supported", CategoryMediaCodec},
		{406, "a=setup:actpass not accepted", CategoryMediaCodec},
		// A 400 that forbids a part of the request names a malformed request; a 403 that
		// forbids a call is a policy.
		{400, "Wildcard Contact not allowed in INVITE", CategoryProtocolError},
		{400, "Header X-Account forbidden", CategoryProtocolError},
		{403, "Calls to this prefix are forbidden", CategoryPolicyForbidden},
		// An authorisation that failed for the balance or the account's state is that cause;
		// alone, or for a password, it is the credentials.
		{403, "Authentication failed: insufficient credit", CategoryBillingFunds},
		{403, "Auth rejected - user suspended", CategoryPolicyForbidden},
		{403, "Authorization failed", CategoryAuthCredentials},
		{403, "Authentication failed - wrong password", CategoryAuthCredentials},
		// A run of letters that a keyword allowing a longer word reads by its start alone is
		// read by the words it splits into (segment.go).
		{403, "TRUNKDISABLED", CategoryPolicyForbidden},
		{503, "UNABLETOREACHDESTINATION", CategoryNetworkUnreachable},
		{503, "NOHANDLER", CategoryServerError},
		{404, "NOROUTEFOUND", CategoryRouteNoRoute},
		// A wide rule's category that no labelled phrase of the code has gives way (seen.go).
		{481, "No Application Session", CategoryProtocolError},
		{488, "hold connections", CategoryMediaCodec},
		// Shared secrets, HMACs and access keys are credentials; a bearer token is one too,
		// where a bearer capability is the media's.
		{403, "Invalid secret", CategoryAuthCredentials},
		{403, "Shared secret mismatch", CategoryAuthCredentials},
		{403, "HMAC mismatch", CategoryAuthCredentials},
		{403, "Invalid access key", CategoryAuthCredentials},
		{403, "Bearer token invalid", CategoryAuthCredentials},
		{488, "Bearer capability not implemented", CategoryMediaCodec},
		// "Not allowed in" a header names the request's part, "not allowed to contact" a party.
		{400, "Bad Request - Star not allowed in Contact", CategoryProtocolError},
		{403, "Not allowed to contact this user", CategoryPolicyForbidden},
		// A store, directory, cache or profile that cannot be reached is the back-end's; a
		// software part of the server (an engine, a pipeline, a bridge) its own failure.
		{503, "Device store unavailable", CategoryBackendDatabase},
		{503, "Call Record Unavailable", CategoryBackendDatabase},
		{500, "Profile unavailable", CategoryBackendDatabase},
		{503, "User directory not responding", CategoryBackendDatabase},
		{503, "Redis down", CategoryBackendDatabase},
		{503, "Speech engine unavailable", CategoryServerError},
		{488, "Audio pipeline unavailable", CategoryServerError},
		{503, "Conference bridge not running", CategoryServerError},
		{480, "Media codec profile not available", CategoryMediaCodec},
		// A tenant, call queue or dial plan the provider cannot find on 404 is its routing
		// set-up; a user or conference that does not exist is the dialled target.
		{404, "Tenant not loaded", CategoryRouteNoRoute},
		{404, "No tenant for this call", CategoryRouteNoRoute},
		{404, "Call queue does not exist", CategoryRouteNoRoute},
		{404, "The specified conference does not exist", CategoryNumberInvalid},
		{403, "Unknown tenant", CategoryAuthCredentials},
		// An offer still pending is glare in the offer-answer state machine, not a codec.
		{400, "pending SDP offer", CategoryProtocolError},
		{488, "SDP offer still outstanding", CategoryProtocolError},
		{488, "SDP offer rejected", CategoryMediaCodec},
		// A state said with a verb reads as its short form (predicate.go).
		{503, "Gateway is not available", CategoryRouteNoRoute},
		{503, "Carrier is currently not available", CategoryRouteNoRoute},
		{503, "The database is down", CategoryBackendDatabase},
		{403, "Your account has been suspended", CategoryPolicyForbidden},
		{503, "Carrier 3 unavailable", CategoryRouteNoRoute},
		{503, "Trunk 7 unreachable", CategoryNetworkUnreachable},
		// A media type is the body's on 415, the session description's on 488; a limit on 413
		// is the message's size; a JSON web token is a credential unless the code is about the
		// caller's identity; a handset paging did not reach is the callee.
		{415, "Tipo de mídia não suportado", CategoryProtocolError},
		{488, "Tipo de mídia incompatível", CategoryMediaCodec},
		{413, "Message body exceeds 1300 bytes limit", CategoryProtocolError},
		{503, "Session limit exceeded", CategoryCapacityOverload},
		{403, "Invalid JWT: signature verification failed", CategoryAuthCredentials},
		{438, "Invalid Identity header signature", CategorySecurityIdentity},
		{480, "UE not reachable, paging failed", CategoryCalleeUnavailable},
		{503, "Peer not reachable", CategoryNetworkUnreachable},
		{503, "BGCF could not select an MGCF for PSTN breakout", CategoryRouteNoRoute},
		{480, "No voice bot workers available", CategoryCapacityOverload},
		// A plain status heading gives way to the cause after it (heading.go).
		{486, "Ocupado: llamada rechazada por el destinatario", CategoryCalleeDeclined},
		{486, "Besetzt – Anruf vom Teilnehmer abgewiesen", CategoryCalleeDeclined},
		{480, "Nicht erreichbar: gewählte Rufnummer ist nicht vergeben", CategoryNumberInvalid},
		{486, "Busy Here - Ocupado: llamada rechazada por el destinatario", CategoryCalleeDeclined},
		{486, "Error: Ocupado: llamada rechazada por el destinatario", CategoryCalleeDeclined},
		// A heading that names a cause keeps it; details after it do not decide.
		{484, "Número incompleto: faltan dígitos según el plan de numeración nacional", CategoryNumberInvalid},
		{486, "User Busy - B-party engaged (MNP routed via recipient network)", CategoryCalleeBusy},
		// A status heading with nothing a rule reads after it stays the code's, and so does one
		// before advice to retry.
		{486, "Ocupado: 3 intentos", CategoryCalleeBusy},
		{403, "Rejected - try later", CategoryPolicyForbidden},
		{486, "SIP 486 Besetzt – Anruf vom Teilnehmer abgewiesen", CategoryCalleeDeclined},
		{486, "Busy Here [Ocupado: llamada rechazada por el destinatario]", CategoryCalleeDeclined},
	}
	for _, tt := range tests {
		d := c.Classify(&Response{Code: tt.code, Reason: tt.phrase, Method: "INVITE"})
		if d.Category != tt.want {
			t.Errorf("%d %q = %s (rule %s), want %s", tt.code, tt.phrase, d.Category, d.Rule, tt.want)
		}
	}
}

// TestDocExample loads the example rule file of the package documentation, so that the
// documented format stays true.
func TestDocExample(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var yamlLines []string
	in := false
	for _, line := range strings.Split(string(src), "\n") {
		switch {
		case strings.HasPrefix(line, "//\trules:"):
			in = true
		case in && !strings.HasPrefix(line, "//\t"):
			in = false
		}
		if in {
			yamlLines = append(yamlLines, strings.TrimPrefix(line, "//\t"))
		}
	}
	if len(yamlLines) < 5 {
		t.Fatalf("no rule file example found in doc.go")
	}
	c, err := New(Options{RulesFile: writeRules(t, strings.Join(yamlLines, "\n")+"\n")})
	if err != nil {
		t.Fatalf("documented example does not load: %v", err)
	}
	if d := c.Classify(&Response{Code: 486, Reason: "Saldo insuficiente"}); d.Rule != "acme.no-credit" {
		t.Errorf("example rule acme.no-credit not applied: %+v", d)
	}
	if d := c.Classify(&Response{Code: 502, Reason: "GW 3 dead"}); d.Rule != "acme.gateway-down" || d.Severity != SeverityNormal {
		t.Errorf("example rule acme.gateway-down not applied: %+v", d)
	}
	if d := c.Classify(&Response{Code: 486, Reason: "Busy"}); d.Rule != "code.486" {
		t.Errorf("disabled phrase.callee.busy still applies: %+v", d)
	}
}

// TestBuiltinRegexpsCompile compiles every built-in pattern, which New leaves to their first
// use: read eagerly, the built-in file must give the same rules, each pattern compiled.
func TestBuiltinRegexpsCompile(t *testing.T) {
	eager, err := parseRuleFile(builtinRulesYAML, "builtin", false)
	if err != nil {
		t.Fatalf("built-in rules read with their patterns compiled: %v", err)
	}
	lazy, err := parseRuleFile(builtinRulesYAML, "builtin", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(eager) != len(lazy) {
		t.Fatalf("%d rules read eagerly, %d lazily", len(eager), len(lazy))
	}
	patterns := 0
	for i := range lazy {
		e, l := eager[i].re, lazy[i].re
		if (e == nil) != (l == nil) {
			t.Fatalf("rule %s: pattern eagerly %v, lazily %v", lazy[i].id, e != nil, l != nil)
		}
		if l == nil {
			continue
		}
		patterns++
		if l.get().re == nil || l.source != e.source || l.get().re.String() != e.get().re.String() {
			t.Errorf("rule %s: lazily compiled pattern %q differs from or fails where %q did not", lazy[i].id, l.source, e.source)
		}
	}
	if patterns < 10 {
		t.Errorf("only %d built-in rules have a pattern", patterns)
	}
}

func TestLazyRegexp(t *testing.T) {
	ok := lazyRegexp(`\bno (route|gateway)\b`)
	if !ok.matches("sorry no route here") || ok.matches("no routes") {
		t.Error(`lazyRegexp(\bno (route|gateway)\b) matches wrongly`)
	}
	broken := lazyRegexp(`(unclosed`)
	if broken.matches("(unclosed") || broken.get().re != nil {
		t.Error("a pattern that does not compile matched, or compiled")
	}
	// Goroutines trying the same rule at once compile it once and agree.
	var wg sync.WaitGroup
	shared := lazyRegexp(`busy`)
	got := make([]*regexp.Regexp, 8)
	for i := range got {
		wg.Go(func() { got[i] = shared.get().re })
	}
	wg.Wait()
	for _, re := range got {
		if re != got[0] || re == nil {
			t.Fatal("concurrent first uses got different or no compiled patterns")
		}
	}
}

func TestStripAdvice(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"contact your system administrator", ""},
		{"please contact your administrator", ""},
		{"database error. please contact support for assistance", "database error"},
		{"please contact your provider: account suspended", "account suspended"},
		{"contact support", ""},
		{"not found: {reason}. please contact your administrator", "not found: {reason}"},
		{"call operator busy", "call operator busy"},
		{"could not contact the callee", "could not contact the callee"},
		{"missing contact header", "missing contact header"},
		{"ask your provider to enable international calls", ""},
		{"no route", "no route"},
	} {
		if got := stripAdvice(c.in); got != c.want {
			t.Errorf("stripAdvice(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
