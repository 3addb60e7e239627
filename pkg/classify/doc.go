// Package classify tells why a SIP response happened.
//
// A [Classifier] turns a [Response] (code, reason phrase, decoded Reason and Warning headers,
// and what the correlated request tells) into a [Diagnosis]: one of 20 categories (see
// [Categories]), its severity, and the id of the rule that decided. [Classifier.Explain] adds
// the category's meaning and the operator's likely fix.
//
// # Decision order
//
// Rules are tried in order and the first that matches decides. The built-in rules follow
// this order:
//
//  1. class 1xx, 2xx, 3xx: ok (rule class.ok); a 487 after a CANCEL: request.cancelled
//     (context.cancel-seen), whatever its phrase says;
//  2. reason-phrase rules (phrase.*): the phrase wins over the code, because real systems put
//     the cause there ("480 No money left", "486 Maxcalls exceeded"); a phrase rule that only
//     restates the code's default category ("480 暂时无法接通", "486 User is busy") is passed
//     over when the response has a Reason header, whose cause is the more precise, unless
//     that cause only says something failed (Q.850 41 and the unspecified 47, 63, 79, 95, 111)
//     and the phrase names more than a failure ("402 Insufficient funds" with cause 41). A
//     wide phrase rule (for whole classes of codes and any method) does not give a category
//     that none of the labelled phrases of the code has, for codes with 30 or more of them
//     (categories_seen.tsv): "481 No Application Session" is the dialog, not a route, "488
//     hold connections" the media's, not the network;
//  3. Reason header causes: reason.analytics (603 with an analytics Reason text), stir.cause,
//     preemption.cause, sip.cause (read as a response with the cause as code and the text as
//     phrase), q850.N (the generic causes 0, 16, 31 and 127 have no rule and so keep the
//     code's meaning); Reason headers of other protocols are informational; a response
//     without a Reason header whose phrase writes a Q.850 cause ("Service Unavailable
//     (Cause: 41)", "Q.850;cause=34") is read as if it carried that Reason header;
//  4. request context (context.*): a challenge to a request that carried credentials means
//     wrong credentials; a plain 403 or 404 to REGISTER refuses the account; a 481 to BYE or
//     CANCEL is harmless;
//  5. Warning codes (warning.3NN);
//  6. context when nothing above read the response: a 403 or 404 to REGISTER whose phrase no
//     rule reads refuses the account as the plain 403 and 404 do (21 of the 35 labelled 403s
//     to REGISTER are the account, 9 a policy the phrase names; 8 of the 9 404s); a 488 or 606 to a request that negotiates
//     no media (INFO, MESSAGE, REFER, SUBSCRIBE, ...) refuses what it carried;
//  7. the code's default category from the response-code table (code.NNN), then the class
//     fallback (class.4xx: protocol.error, class.5xx: server.error, class.6xx:
//     callee.declined) and finally class.other for codes outside 100-699.
//
// `sipscan rules` lists the active rules in this order.
//
// # Reason phrase normalisation
//
// Phrases are compared in normalised form (see [Normalize]): lower case; vendor tags such as
// "[CGR1]", "(477/SL)" and labels such as "(ref 12345)" removed; "_" and "-" read as spaces;
// camel-case words split ("SdpParsingFailure" reads as "sdp parsing failure"); the response
// code removed where the phrase repeats it; white space collapsed; punctuation trimmed from
// both ends. So
// "480 NO_MONEY_LEFT [TESR]." and "No money left" are the same phrase. A phrase that is one
// run of eight or more letters ("NOROUTEFOUND", Asterisk's "NOANSWER") is read again split
// into the words the rules know ("no route found"), those of their keywords, exact phrases and
// regular expressions, when they cover it whole, and that reading is taken when a rule reads
// it (a keyword that allows a longer word, "trunk*", would read "TRUNKDISABLED" by its start
// alone): written as one word in capitals, 1,565 of the 1,665 short labelled phrases the
// rules read right keep their reading (1,426 of 1,622 with the words of keywords and exact
// phrases only, split only when the code's default decided). A word with a typo that is one
// of the rules' words with an inner letter dropped or two neighbours swapped ("Databse
// connection timeout") is read as that word, when that is read by an earlier rule (see
// spell.go): a letter dropped from the longest word of each labelled phrase read right
// changed 736 readings of about 6,650, now 72. A state said with a verb or in other words
// ("Gateway is not available", "Account has been suspended", "Call was rejected") is read
// again in the short form the rules name ("gateway unavailable", "account suspended", "call
// rejected"), and without the number of the trunk, gateway or carrier it names ("Carrier 3
// unavailable" as "carrier unavailable"), taken on the same terms (see predicate.go):
// rewriting the labelled phrases read right so changed 36, 32 and 19 readings of the
// package's files, now none.
//
// Keywords and regular expressions are matched against the phrase's detail: when a phrase
// starts with its code's standard phrase and goes on ("Busy everywhere - Empty list of
// S-CSCFs", "Temporarily Unavailable (Call limit)"), only the rest is searched, since the
// standard words say nothing the code does not and would otherwise outvote the cause. When
// the rest is only a label, a number alone or after a word such as "scenario", "test", "case"
// or "node" ("Forbidden (scenario 2)", "Busy Here #4"), the phrase counts as the standard one.
//
// # Rule file format
//
// `--rules FILE` (Options.RulesFile) reads a YAML file of rules:
//
//	rules:
//	  - id: acme.no-credit            # required, unique in the file
//	    description: ACME says 486 when the prepaid account is empty
//	    code: 486                     # 486 | 4xx | 480-489 | '!487' | a list of these
//	    keywords: ["credit*", saldo]  # any keyword, on word boundaries; * allows a longer word
//	    category: billing.funds       # one of the 20 categories
//	  - id: acme.gateway-down
//	    code: [5xx]
//	    regex: 'gw ?\d+ (down|dead)'  # on the normalised phrase, case-insensitive
//	    category: network.unreachable
//	    severity: normal              # optional: overrides the category's severity
//	  - id: code.480                  # same id as a built-in rule: replaces it in place
//	    code: 480
//	    category: callee.unavailable
//	  - id: phrase.callee.busy        # switches a built-in rule off
//	    disabled: true
//
// A rule holds conditions; all of them must hold. The conditions are:
//
//   - code: response codes, classes ("4xx"), ranges ("480-489") and exclusions ("!487",
//     best quoted since YAML reads a bare "!" as a tag); a list, or a comma-separated string.
//   - method: CSeq methods of the response (INVITE, REGISTER, ...), and exclusions ("!REGISTER":
//     any method but REGISTER, also none, as for "sipscan explain").
//   - phrase: exact phrases, compared after normalisation with the whole phrase and with its
//     detail ("Service Unavailable - No transport" and "Service Unavailable (No transport)"
//     match "no transport" on a 503), also without the number, address, URI or extension a
//     vendor appends ("No transport for +14155550123") and without advice to retry after it
//     ("No transport, please try again later"); they also match the code's standard phrase.
//   - keywords: words or word sequences, of which any one must occur in the normalised phrase
//     (its detail, see above) on word boundaries; a "*" after a word allows more letters there
//     ("codec*" matches "codecs", "prywatn* adres*" matches "prywatny adres").
//   - regex: a Go regular expression (RE2), matched case-insensitively against the normalised
//     phrase's detail; one that holds "$" also against the detail without the identifiers and
//     advice at its end, as exact phrases are.
//     phrase, keywords and regex are alternatives: one of them matching is enough. Keywords and
//     regex are only tried on phrases that differ from the code's standard phrase ("403
//     Forbidden" carries nothing the code does not say, and the context rules must see it).
//   - reason: a Reason header of the response with protocol (SIP, Q.850, STIR, ...), cause
//     (numbers and ranges as for code) and text (a regular expression); any header matching
//     all given keys is enough. The category "cause-code" (protocol SIP only) answers as a
//     response with the cause as code and the Reason text as phrase would be answered.
//   - warning: Warning codes, any of which must be present (numbers and ranges).
//   - credentials, cancel, stale: true or false; whether the request carried credentials,
//     whether a CANCEL was seen, whether the challenge said stale=true.
//   - prior_challenges: the least number of 401/407 seen before in the dialog or registration.
//   - standard_phrase: true when the phrase is the code's standard phrase (or empty, or the
//     standard phrase with a label).
//
// A rule must have at least one condition. User rules with new ids are tried before all
// built-in rules, in file order; a user rule with the id of a built-in rule (including the
// generated code.NNN and class.Nxx rules) replaces it in its place; "disabled: true" removes
// it. A broken file is an error naming the file and the line.
//
// # Accuracy
//
// The rules are measured on reason phrases they were not written from, with labels taken
// from the taxonomy before the classifier saw the phrases:
//
//   - testdata/heldout.tsv (546 phrases of proxy configurations, carrier help pages, Q.850
//     and FreeSWITCH cause names): 96.0% (524) before the last round of rule changes, 96.7%
//     (528) after; it has been used to write rules before, so it flatters them.
//   - testdata/fresh.tsv (211 phrases of SIP stacks, PBXes, IMS cores, class-4 switches and
//     carrier documents not used before; each row names its source), split by the FNV-1a
//     hash of the phrase. Half A (101 rows) was used to write rules: 79.2% (80) before,
//     90.1% (91) after. Half B (110 rows) was left alone and scored once: 71.8% (79) before,
//     77.3% (85) after the rules written from A. Rules were then also written from B's
//     errors: 87.2% (184/211) overall, and 90.5% (191/211; B 100/110) after the round below.
//     These last figures are no longer a measure of generalisation.
//   - testdata/fresh2.tsv (batch C: 159 phrases of sources used for none of the above: Cisco
//     SIP stack messages, Kamailio and OpenSIPS configurations of public projects, B2BUAs and
//     SIP servers in C#, Go, Java and Python, Skype for Business diagnostics, a CPaaS's
//     documents, and 13 Korean and Japanese translations of standard phrases), labelled
//     before the classifier saw them and scored once with the rules as they stood: 73.0%
//     (116/159; 70.5%, 103/146, without the translations). That is the honest figure for
//     phrases of new vendors. General rules were then written from C's errors together with
//     those left on fresh.tsv and heldout.tsv (header fields named as absent, unknown source
//     addresses and peers, named rate and capacity limits, features disabled, configuration
//     that failed to load, Q.850 causes written into the phrase): 92.5% (147/159) after,
//     which TestLaterBatches keeps from getting worse.
//   - testdata/fresh3.tsv (batch D: 165 phrases of sources used for none of the above: the
//     ms-diagnostics reason texts of Lync and Skype for Business servers, the SIP error texts
//     of a CPaaS's trunking service, SBC, firewall and gateway manuals, PBX and softswitch
//     status tables, handset status texts in English, German and Spanish, and translations of
//     standard phrases into Polish, Spanish, Korean, Chinese and Arabic), labelled before the
//     classifier saw them and scored once with the rules as they stood: 81.8% (135/165; 78.3%,
//     72/92, without the translations and handset texts). General rules were then written
//     from D's errors (authorisation to communicate or access named as policy, clock skew and
//     sources not in an ACL as credentials, components not running and policies that fail to
//     parse as server faults, "no endpoints registered" as the callee, time limits on 408/504
//     as the timeout, "not unique" and invalid targets on 404/604 as the number, IPv4/IPv6 as
//     address families, communication errors as the next hop, "query" only when a query
//     failed, "not provisioned" or "does not exist" on 404/604 as the number, Q.850 transit
//     network causes as routing): 97.0% (160/165) after, which TestLaterBatches keeps from
//     getting worse; on the other files 528/546 (heldout, unchanged), 192/211 (fresh, 91.0%)
//     and 148/159 (fresh2, 93.1%).
//   - testdata/fresh4.tsv, fresh5.tsv and fresh6.tsv (batches E, F and G: 115 phrases of an
//     MCU's disconnection texts, programs built on Go, JavaScript, Erlang and Python SIP
//     stacks, Chinese GB28181 servers, a Russian softphone, Slovak and French carrier texts;
//     77 phrases that SIP Servlet applications, Python, C++ and Erlang stacks and a Kamailio
//     router send; 55 phrases of Chinese call-centre and GB28181 platforms, Russian CRM call
//     histories, Brazilian routers, SBCs and billing), each labelled before the classifier saw
//     it and scored once with the rules as they stood: 79.1% (91/115), 71.4% (55/77) and
//     69.1% (38/55). A second labelling of E and F, made without the first labels, agreed
//     with them on 95.7% and 90.9% of the rows; on the rows both labellings agree on and call
//     clear, the first-time scores were 91.0% (71/78) and 85.4% (41/48). General rules were
//     written from each batch's errors before the next was scored (allow-listed source
//     addresses, header fields that disagree, exhausted ports, channels and routes, unknown
//     sessions, unanswered callees named on any code, "not supported" and network errors in
//     more languages, "method not allowed", CSeq out of order, and fewer words read out of
//     their sense: "router" is not a route, "gone" is not a number, "unable to comply" is not
//     a database): 92.2%, 81.8% and 83.6% after, which TestLaterBatches keeps from getting
//     worse; the other files unchanged or better (heldout 529/546).
//   - testdata/fresh7.tsv (batch H: 9 phrases of a CPaaS trunking service's hangup-code table,
//     an SDK's status table and SIP stacks in Go, Python and JavaScript; of the phrases the
//     public sources at hand still gave, all others were already in the files above), labelled
//     before the classifier saw it and scored once with the rules as they stood: 44.4% (4/9),
//     below the code's default alone (66.7%, 6/9). Its errors were all words read out of their
//     sense: "rejected" on a 401 that only restates the challenge, "hangup" on a 603 (the
//     callee's, not the caller's CANCEL), "dialog" in a source mismatch, "unavailable" in a
//     security service that failed. General rules were written from them (bare rejections on
//     401/407, a callee's hang-up on 6xx, mismatched sources, failed security proofs and
//     security services, Diameter and charging commands named before their failure), and from
//     errors left on E, F and G (block lists named with a limit, device channels offline or
//     unsupported, registrations named as failed on 403): 100% (9/9) after, a figure of the
//     rules written from these rows and no measure of generalisation; on the other files
//     fresh.tsv 193/211 (91.5%), fresh4 108/115 (93.9%), fresh6 49/55 (89.1%), the rest
//     unchanged (heldout 529/546, fresh2 148/159, fresh3 160/165, fresh5 63/77).
//   - testdata/fresh8.tsv (batch I: 88 phrases of SIP software shipped as Debian packages, read
//     from the packages' sources, documentation, example configurations and shipped modules:
//     Kamailio's modules (sanity, sca, auth_identity, the IMS modules, lcr, tm, seas) and example
//     routes, sofia-sip's transaction and session layers, ejabberd's SIP registrar and a SIPp
//     built-in scenario; each pair taken only where the code stands beside the phrase), labelled
//     before the classifier saw it and scored once with the rules as they stood: 71.6% (63/88),
//     against 63.6% (56/88) for the code's default alone. A second labelling, made without the
//     first labels, agreed with them on 98.9% of the rows (87/88, all 76 it called clear; the one
//     difference, "403 Charging User not found", is a policy or a billing account); on the rows
//     both labellings agree on and call clear, the first-time score was 73.7% (56/76), and it is
//     97.4% (74/76) with the rules written from the batch. The first scoring's errors were words
//     read out of their sense ("host" in "not responsible for host in r-uri", "domain" in
//     "example serves only my domain", "cancel" in "cancel error", "contact" in "could not
//     contact the answer machine", "destinations" in "destinations not permitted") and causes
//     the rules had no words for (a stale Date or a replay in identity verification, Diameter
//     interfaces "not ready", forking limits, "session description", "overlapping requests").
//     General rules were written from them (identity freshness and replays on 403, Identity-Info
//     headers, Diameter interfaces and charging servers not ready or not connected, missing or
//     unverified certificates on a 4xx as the client's own, relaying refused for domains a server
//     does not serve, destinations not permitted, too many branches as a forking limit, requests
//     that cannot be forwarded and servers that could not be contacted, stray CANCELs "out of the
//     blue", a CANCEL the server failed to process, overlapping requests, "no such" targets on
//     404/604): 94.3% (83/88) after, a figure of the rules written from these rows; the other files
//     unchanged (heldout 529/546, fresh 193/211, fresh2 148/159, fresh3 160/165, fresh4 108/115,
//     fresh5 63/77, fresh6 49/55, fresh7 9/9, the hold-out below 237/258 and 234/258).
//   - testdata/fresh9.tsv (batch J: 64 phrases of SIP stacks and applications shipped as Debian,
//     npm and Go packages no batch had used: JsSIP, twinkle, liblinphone and belle-sip, libre and
//     baresip, JAIN-SIP, Net::SIP, drachtio, jambonz and a drachtio call manager; each pair taken
//     only where the code stands beside the phrase), labelled before the classifier saw it and
//     scored once with the rules as they stood: 76.6% (49/64), against 68.8% (44/64) for the
//     code's default alone. A second labelling, made without the first labels, agreed on 93.8%
//     of the rows (60/64; 45 of the 46 it called clear); on the 45 rows both agree on and it
//     calls clear the first-time score was 82.2% (37/45). The first scoring's errors were
//     requests out of order or overlapping one in progress and sessions not established yet
//     (read as a failed destination or left to 500's server error), an I/O error read as a
//     server failing, an expired session timer read as a negotiation, do-not-disturb on a 600,
//     and "unknown error" on a 400 read as a server error. General rules were written from them
//     (requests out of order or sequence, overlapping requests, sessions and dialogs not
//     established, expired session timers and refreshes, do-not-disturb on any code and in
//     eleven languages, the operating system's transport errors; "unknown error" no longer
//     beats the code): 90.6% (58/64) after, a figure of the rules written from these rows; the
//     other files and the hold-out below unchanged. Of the six left, five are rows the second
//     labelling calls ambiguous or labels otherwise ("486 Busy - too many calls": a phone's own
//     limit or an overload; "500 Hold Failed": media or server).
//   - testdata/fresh10.tsv (batch K: 56 phrases of a Lync/Skype for Business plug-in and a
//     telepathy SIP connection manager shipped by Debian, and of two CPaaS browser SDKs' SIP
//     error tables from npm; the other Debian, npm, Go, Maven and NuGet sources tried gave only
//     standard phrases or nothing), labelled before the classifier saw it and scored once with
//     the rules of batch J: 83.9% (47/56), against 80.4% (45/56) for the code's default alone
//     (many of the SDK texts paraphrase the code). A second labelling agreed on 94.6% (53/56, all
//     44 rows it called clear); on those 44 rows the first-time score was 86.4% (38/44). The
//     errors were words read out of their sense again: "incompatible" read as media in an
//     authentication scheme and a client configuration, "incomplete" as a number in a message
//     body, "contact" as the Contact header in advice to contact an administrator, "busy" as a
//     trunk on 600 Busy Everywhere, "connection" as the network in 483's hop count, and a
//     do-not-disturb worded as "do not want to be disturbed". General rules were written from
//     them ("incompatible" only beside a media word, and as failed credentials on 401/407;
//     incomplete or truncated messages; malformed numbers; "busy" on 600; no network reading on
//     483; "contact" only as a header; the advice vendors append, "please contact your
//     administrator", taken off the phrase before any rule reads it): 96.4% (54/56) after, the
//     two left being 404s to REGISTER that both labellings read as the account's; the other
//     files and the hold-out unchanged.
//   - testdata/fresh11.tsv (batch L: 67 phrases of an Erlang SIP stack shipped by Debian, and,
//     read from their repositories, a GSM-to-SIP gateway's Q.850 texts, a PBX suite's stack and
//     proxy, a carrier platform's call responses, WebRTC gateways and conference bridges, a
//     CPaaS's SBC and feature server, an Erlang and a C++ stack, desk phones; one vendor of it,
//     the carrier platform, had given rows to batches A and C from its documentation and
//     configurations), labelled before the classifier saw it and scored once with the rules of
//     batch K: 74.6% (50/67), against 59.7% (40/67) for the code's default alone. A second
//     labelling agreed on every row; on the 42 it called clear the first-time score was 85.7%
//     (36/42). The errors: "too many transactions" read as a dialog mismatch, a non-existent
//     domain on 503 (a name that did not resolve) read as a routing gap, "no thread available"
//     as no route, a queue "too high" left to the code, "no configured application" left to
//     480's callee, "415 Unsupported Media" (the code's phrase cut short) read as the session's
//     media, "stopped receiving media" read as a codec, and rows both labellings call
//     ambiguous. General rules were written from them (too many transactions, connections,
//     threads or sessions at once; non-existent or unresolvable hosts and domains on 408 and
//     5xx; threads, buffers and queues exhausted; no application configured; 415's phrase
//     restated; media that stopped arriving, as a NAT or path failure): 85.1% (57/67) after, the
//     ten left being rows the second labelling calls ambiguous but one ("488 Failed to match
//     PRACK request", left to 488's media default); the other files and the hold-out unchanged.
//     Two rules tried here were taken back because they broke rows of earlier files: 415 never
//     read as media ("415 Unsupported codecs" is media), and 488's body and content words left
//     to the code ("488 Content-Type not supported" is the request's).
//   - testdata/fresh12.tsv (batch M: 46 phrases, read from their repositories, of a PBX written in
//     Rust (its error catalogue), an open-source GSM base station (GSM cause names sent as
//     phrases), a telephony engine's queues and registrar, and a B2BUA service), labelled before
//     the classifier saw it and scored once with the rules of batch L: 76.1% (35/46), against
//     54.3% (25/46) for the code's default alone. A second labelling agreed on 45 of the 46 rows;
//     on the 31 rows it called clear the first-time score was 93.5% (29/31). Rules written from
//     it: barring in any wording (GSM's "Operator_Determined_Barring"), a queue named as full, no
//     "all targets failed" read as routing on 480 (it is every device of the callee): 82.6%
//     (38/46) after, the eight left being rows the second labelling calls ambiguous but one;
//     the other files and the hold-out unchanged.
//   - testdata/fresh13.tsv (batch N: 7 phrases carriers and PBXs sent, as quoted in issue
//     threads and a support article; about 95 searches of pages, documents and issues by carrier,
//     PBX and wording found little that the files above did not already hold, and one of the 7,
//     "603 MaxPeak Cost Exceeded", is quoted in taxonomy.md), scored once with the rules of batch
//     M: 85.7% (6/7), against 42.9% (3/7) for the code's default alone. The one error, "403
//     Contact User und Anrufernummer verschieden" (a REGISTER whose Contact user and calling
//     number differ), is labelled as the account's credentials, which a field mismatch on 403
//     could also be read as a policy; no rule was written from it.
//   - testdata/fresh14.tsv (batch P: 42 phrases, 10 an Erlang SIP proxy puts in its own
//     responses, 32 a desktop softphone's Russian texts for the codes it receives, most of them
//     the standard phrases translated), scored once with the rules of batch N: 97.6% (41/42),
//     against 90.5% (38/42) for the code's default alone; an easy batch, as translated standard
//     phrases keep their code's meaning. A second labelling agreed on 41 rows; on the 33 it
//     called clear the first-time score was 100%. The one error, 580 "Предварительная ошибка"
//     (Precondition Failure translated), read "error" as a server's failure; generic failure
//     words no longer override 580, whose own phrase is a failure: 100% after, the other files
//     and the hold-out unchanged.
//   - testdata/fresh15.tsv (batch Q: 3 status lines pasted from real traffic into public notes
//     and a network scanner's service probe; about 130 searches of traces, fixtures, scenarios
//     and issue threads found little the files above did not hold), scored once: 3/3, against
//     2/3 for the code's default alone.
//   - testdata/fresh16.tsv (batch R: 48 phrases SIP proxies put in their replies, read from
//     example and production routing scripts of two proxies, a proxy's sanity checker, its IMS
//     modules and their documentation, a media server, a PBX sample and a messenger-to-SIP
//     gateway's error page; 9 answer a REGISTER or a BYE and name the method in a fifth column; most
//     strings the search can reach were already in the files above), scored once with the rules
//     of the composed rounds: 72.9% (35/48), against 66.7% (32/48) for the code's default alone
//     (a third are 400s that name the malformed header, which the code's default already reads).
//     The errors: a CSeq named stale read as a stale nonce, a transport refused on 488 read as
//     the protocol's, routing named as failed beside a media server read as the server, users and
//     identities unknown to a registrar read as dialled numbers, "PSTN not available" and "No
//     registrar" left to the code, missing parameters read as a number not found. General rules
//     were written from them: 89.6% (43/48) after; the five left are rows that read either way
//     ("404 Destination not available", "400 Dial pattern not supported") or that say their cause
//     only in the script around them ("403 Forbidden (scenario 2)" to a REGISTER from an address
//     not in the list, "403 Forbidden FROM"); the other files and the hold-out unchanged.
//   - testdata/fresh17.tsv (batch S: 9 status lines quoted in issue threads of a SIP library and
//     an Android client, a media server's pull request, a messaging platform's voice guide and a
//     cloud contact centre's error page, a carrier's answer to OPTIONS; what else the search
//     reached was in the files above), scored once with the rules of batch R: 6/9, against 7/9
//     for the code's default alone (a 500 "Unhandled by dialog usages" read as a dialog
//     mismatch, where the code's server fault was the label). The three errors read either way
//     ("Calls Limit Hit" for a daily cap of calls, "Invalid Partner" for a wrong partner token,
//     the dialog usages); no rule was written from them.
//   - testdata/fresh18.tsv (batch T: 31 phrases; a cloud carrier's published list of the
//     responses its platform sends, with its cause tags, and 4 status lines quoted in issue
//     threads and pull requests: an IMS network's answer to REGISTER, a UC platform's
//     direct-routing replies, a telephony platform's 569; about 100 searches), scored once:
//     80.6% (25/31), the same with the rules before the last 26 composed rounds. The
//     errors: a server draining its transactions read as a dialog matter, "spent limit" as a
//     capacity limit, the originator's number as the dialled one, a header field too long on
//     403 left to the code; rules were written from them: 93.5% (29/31) after. The two left
//     read either way ("Connection for caller not present", "origin same as destination
//     number").
//   - testdata/fresh19.tsv (batch U: 34 phrases less-known SIP stacks and servers send, read
//     from their code: a media platform's SIP bridge, a Java registrar, a hosted platform's
//     proxy configuration, a .NET SIP stack's registrar, proxy and dialogs, a Ruby outbound
//     proxy and its examples, a call-centre server's Chinese replies; about 105 searches, most
//     strings found were already in the files above), scored once: 73.5% (25/34), the same with
//     the rules before the last 26 composed rounds. The errors with one reading (an
//     invalid nonce read as a wrong password, users not found in a database read as the
//     database failing, an answer timeout in Chinese read as the network's) gave rules: 85.3%
//     (29/34) after, 88.2% (30/34) once batch X gave a second REGISTER refused for its domain
//     (a registrar not responsible for the domain is the device's account); the four left read
//     either way (no hop for the target; a re-INVITE without an SDP offer; an agent who hung
//     up; agent information not found).
//   - testdata/fresh20.tsv (batch V: 8 replies SIP stacks and applications build in their code:
//     a browser's SIP stack, an Erlang SIP framework, a registrar module, a Java proxy, a servlet
//     registrar, webhook-driven applications; about 115 searches, nearly everything found was in
//     the files above), scored once: 5/8, the same with the rules before the last 26
//     composed rounds. Rules from the two errors with one reading (an address of record not
//     found, to REGISTER; a bad webhook): 7/8 after; the one left is a misspelt "strict
//     routing".
//   - testdata/fresh21.tsv (batch W: 51 phrases; status lines in proxies' configuration scripts
//     and browser phones' code, and what Chinese call-centre servers, GB28181 video platforms
//     and .NET soft switches send, 16 of them in Chinese; two collectors, about 230 tool calls,
//     found 70-90% of what they read already in the files above; one row the two labelled
//     differently was dropped), scored once: 52.9% (27/51), the same with the rules at the
//     start of 1 Dec's second session, against 35.3% (18/51) for the code's default alone.
//     The errors: components that failed to initialise left to a 480's callee or read as a
//     timed-out hop, an error reported in Chinese left to the code, a DID without a mapping read
//     as a number, a feature not in the subscription's level read as TCP, a trunk that cannot
//     be reached read as the dial plan's; rules were written from them: 68.6% (35/51) after.
//     The 16 left read either way or only in their product: "未获取..." ("could not obtain")
//     followed by what was missing, labelled four ways; a device not registered answering a
//     GB28181 MESSAGE (the sender's own registration); a microphone blocked in a browser;
//     "TLS Required" to a REGISTER (protocol or policy); "Identity check failed" (credentials
//     or caller identity).
//   - testdata/fresh22.tsv (batch X: 23 reply strings of proxies' routing scripts in Kamailio's
//     embedded languages and its configuration language, many of them Portuguese, reached by
//     extending the reply call's text letter by letter past the search's first ten hits; about
//     130 tool calls, 84% of the candidates already in the files above), scored once: 82.6%
//     (19/23), against 69.6% (16/23) for the code's default alone. The errors with one reading
//     (a REGISTER refused for its domain read as a relay refused, as in batch U; a media anchor
//     that failed read as a codec) gave rules: 91.3% (21/23) after; the two left read either way
//     ("You must REGISTER first" to a MESSAGE; a contact's path missing).
//   - testdata/fresh23.tsv (batch Y: 44 replies built by a .NET SIP stack's applications, a C
//     SIP stack's samples and applications and a Go SIP stack's server, reached the same way;
//     69% of the candidates already known), scored once: 65.9% (29/44), against 45.5% (20/44)
//     for the code's default alone. Rules from the errors with one reading (digest realms that
//     did not match, a server that says it is full): 70.5% (31/44) after. The thirteen left are
//     one application's idioms ("Taxi bot busy" for a bot out of capacity, "Traffic levels too
//     high - BANNED" for a rate limit) and rows that read either way ("Can't find username":
//     the caller's account or the dialled user; "Requested resource not authorised";
//     "Device not configured"; "Require valid offer": the SDP or the protocol).
//   - testdata/fresh24.tsv (batch Z: 23 phrases the same search still found: whole proxy
//     scripts read past their search hits, older .NET server code, a C++ proxy, a C user agent
//     library, browser phones, an ACD; about 250 tool calls, 94% of the proxy scripts' and 80%
//     of the stacks' candidates already known), scored once: 65.2% (15/23), against 52.2%
//     (12/23) for the code's default alone. One error had one reading (a dial plan that failed
//     to load read as a routing gap): 69.6% (16/23) after; the rest read either way (a quota
//     service unavailable: its back-end or the limit; an ACD's "Line Reject" on a 400) or only
//     in their product ("Speak voice runtime unavailable").
//   - testdata/fresh25.tsv (batch Z2: 31 phrases; whole files of SIP applications and
//     configurations read past their search hits: Go gateways and PBXs, an SBC and registrar, a
//     load balancer, a SIPREC recorder; and status lines quoted in issue threads and vendors'
//     documentation, which gave 5: 80-82% of the candidates were known), scored once: 61.3%
//     (19/31), against 41.9% (13/31) for the code's default alone. Rules from the errors with
//     one reading (secure media required read as a missing header field, an unknown account of
//     a named kind to REGISTER left to the code, a media resource that failed read as a codec):
//     71.0% (22/31) after, 74.2% (23/31) once "extension" alone stopped being a protocol word
//     ("No Extensions": SIP extensions or dial-plan extensions). Left: labels that rest on the
//     code around the reply ("Call Setup Failed" after a database lookup, "temporarily
//     anavailable" sent to a blocked caller).
//   - testdata/fresh26.tsv (batch Z3: 7 replies a SIP library installed from Debian builds
//     (digest checks, an event server, offer/answer and session description handling), read
//     from its binary where the phrase is paired with the status it is sent with), scored once:
//     5/7, against 4/7 for the code's default alone; the two left read either way (no address
//     for the session description: NAT or the server's; a remote session that could not be
//     copied: the SDP or the server's memory). No rule was written from them.
//   - testdata/fresh27.tsv (batch Z4: 43 phrases of vendors' and carriers' documents, issue
//     threads, forums, and SIP software in languages little read before: a SIP-to-modem
//     gateway, an AI voice gateway, Erlang, Ruby, Java and Python SIP servers, Lua and Python
//     proxy scripts; four collectors found 75-90% of their candidates already in the files,
//     and rows a second reader could label otherwise were dropped before scoring), scored
//     once: 67.4% (29/43), against 46.5% (20/43) for the code's default alone. Rules from the
//     errors with one reading (a client certificate named before what is wrong with it, an
//     API key refused, an invalid dial number, no transport, an audio component that failed to
//     start, too many sessions of a named media relay, a domain "not allowed" to REGISTER read
//     as a wrong domain rather than a refusal): 86.0% (37/43) after. Left: a PRACK that never
//     came (the peer's protocol or the network), "Local SDP failed", "Resend Error".
//   - testdata/fresh28.tsv (batch Z5: 78 phrases read from whole packages rather than search
//     hits: Debian builds of a PBX's SIP channel (placed in their handlers by disassembly) and
//     a proxy's documentation and modules, a Go video platform's GB28181 server (52 rows, most
//     of them requests the peer got wrong) and other Go SIP applications, npm softphones; rows
//     the collectors were unsure of were dropped before scoring), scored once: 79.5% (62/78),
//     below the 82.1% (64/78) of the codes' defaults alone: on 400s that name what the request
//     got wrong, topic words misled the rules ("missing cascade channel id" read as a channel
//     limit, "invalid Keepalive envelope" as a lost keep-alive, "Call-ID already in use" on a
//     491 as a busy callee, "RTP over TCP" as the network). Those words now need what makes
//     them a cause (channels counted or missing, a keep-alive that failed); the media's
//     transport and TCP setup role are the negotiation's: 87.2% (68/78) after. Left: a 404
//     REGISTER for a blockchain name, 400 "must be 20 ASCII digits" (a header, not a number).
//   - testdata/fresh29.tsv (batch Z6: 5 phrases of a PBX's source as Debian ships it, read whole,
//     and of the SIP stack bundled with it; about 96 of the candidates were known), scored once:
//     5/5, as the codes' defaults alone (four are protocol errors on their own codes).
//   - testdata/fresh30.tsv (batch Z7: 9 phrases of Erlang SIP stacks' dialog, registrar and
//     transaction replies and a proxy's scripting examples; Debian ships little SIP software in
//     scripting languages, and about 50 of 70 candidates were known), scored once: 8/9, against
//     9/9 for the codes' defaults alone: "400 Star Contact Forbidden" read as a policy. A 400
//     that forbids a part of the request (a star Contact, a header, a parameter) is a malformed
//     request: 9/9 after.
//   - testdata/fresh31.tsv (batch Z8: 5 phrases of a softswitch's result-code page, a cloud
//     switch's routing scripts and a billing SBC's proxy configuration; 90 of 105 candidates
//     were known), scored once: 3/5, as the codes' defaults alone: "Authorization failed - low
//     balance" and "... - customer account disabled" read as credentials. An authorisation
//     that failed for the balance or the account's state is that cause: 5/5 after.
//   - testdata/fresh32.tsv (batch Z9: 26 phrases of IMS cores' configurations and code, an
//     open IMS core's emergency and location functions among them, a SIP media server's
//     billing and voicemail applications, a softswitch's routing; rows the collectors were
//     unsure of dropped before scoring), scored once: 76.9% (20/26), against 30.8% (8/26) for
//     the codes' defaults alone. Misses: a 403 naming the only methods taken ("Only INVITE
//     and ACK supported"), look-ups that could not be made ("Could not query the LRF",
//     "Failed to fetch credit", read as money), "AS failed to respond", "API Not Available",
//     "Need a number to call". Each has one reading and a rule now: 26/26 after.
//   - testdata/fresh33.tsv (batch Z10: 19 phrases of SIP stacks and plugins little read: a
//     proxy's token-authentication plugin, a Rust call engine, an old fork of a SIP library,
//     a softphone library), scored once: 63.2% (12/19), against 52.6% (10/19) for the codes'
//     defaults alone. Misses: JSON web tokens refused on 403 ("No JWE token", "JWE already
//     consumed"), "Conference room full" on 486: 17/19 after. Left: "exp has expired" (a
//     token's claim, named by its field only), "486 No event handler configured".
//   - testdata/fresh34.tsv (batch Z11: 15 phrases of Debian's SIP softphones and libraries read
//     from their source packages, of devices answering a scanner's OPTIONS probe, of SIP
//     gateways of AI voice agents; about 230 of 260 candidates were known), scored once: 86.7%
//     (13/15), against 80.0% (12/15) for the codes' defaults alone. Misses: "500 Waiting for
//     re-INVITE response" (a request overlapping a pending re-INVITE) and "403 Call Audio
//     Permission Required" (read as media): 15/15 after.
//   - testdata/fresh35.tsv (batch Z12: 13 phrases of GB28181 platforms and call centres in
//     Chinese projects, a network monitor's baseline of a public registrar's capture, a media
//     server's header checks; about 110 of 130 candidates were known), scored once: 76.9%
//     (10/13), against 69.2% (9/13) for the codes' defaults alone. Misses: "400 event not
//     found" read as a number ("not found" alone is a number only on the codes that say the
//     target is unknown; on a 400 or a 5xx it names a part of the request), "403 Server ID
//     mismatch" (a device's server ID, like a realm, is its credentials): 12/13 after. Left:
//     "480 channel unavailable", a GB28181 camera channel, where telephony reads a channel
//     as capacity.
//   - testdata/fresh36.tsv (batch Z13: 3 phrases of proxies' routing scripts in small
//     repositories; about 71 of 82 candidates were known), scored once: 2/3, against 1/3 for
//     the codes' defaults alone. Left: "403 Forbidden: Invalid Domain" to a REGISTER, read as
//     the credentials (a domain the registrar does not serve reads either way).
//   - testdata/fresh37.tsv (batch Z14: 16 phrases of the phone side of mobile networks: what a
//     handset's IMS stack answers an incoming INVITE it cannot take, what it reads in its
//     network's 403 and 503, reason texts a carrier's settings quote; 16 rows the collector
//     was unsure of dropped, such as "488 VOPS OFF"), scored once: 68.8% (11/16), against
//     62.5% (10/16) for the codes' defaults alone. Misses: "486 another device sent all
//     devices busy response" (read as every line of a trunk taken), "403 Forbidden - Not
//     authorized for Presence" (read as credentials: a service the account may not use is a
//     policy), "488 Moved to eHRPD" and "On eHRPD" (the handset left LTE): 15/16 after. Left:
//     "415 SD_NOT_SUPPORTED_VT" (a secondary device without video).
//   - testdata/fresh38.tsv (batch Z15: 11 phrases of call-handling middleware, a rating
//     engine's replies, a softswitch's defaults for its hangup causes; 11 rows the collector
//     was unsure of dropped), scored once: 63.6% (7/11), against 72.7% (8/11) for the codes'
//     defaults alone. Misses: "402 in-call restriction" and "402 rating limit" (a limit or
//     restriction a 402 names is the account's plan; read as a policy and a rating system
//     failing): 9/11 after. Left: "500 Malformed context" (a dialplan context, read as a
//     malformed request) and "403 missing or invalid FS-UUID undefined" (read as a server's
//     bug; a missing header refuses either way).
//   - testdata/fresh39.tsv (batch Z16: 9 phrases of open-source SBCs and B2BUAs where an SBC
//     sits, a media server's SBC application and a PBX's bridge to SIP trunk providers among
//     them, and two status lines with typos from a hand-written responder; rows the
//     collectors were unsure of and texts of Reason headers dropped), scored once: 8/9,
//     against 7/9 for the codes' defaults alone. Left: "404 Could not find account record
//     for ITSP" reads as credentials (an account on a 404); the account is the trunk's, whose
//     configuration is missing, but no labelled phrase reads a trunk's account so.
//   - testdata/fresh40.tsv (batch Z17: 25 phrases of large older open-source telephony suites
//     read file by file: a PBX suite's proxy, registrar, status and pick-up servers, a proxy
//     library's repro and registration usage, the B2BUA engine behind an SBC, a research
//     softphone; rows the collector was unsure of dropped), scored once: 96.0% (24/25),
//     against 92.0% (23/25) for the codes' defaults alone (most are 400s). Miss: a 400 to a
//     REGISTER that names DTLS as a transport ("Trying to use sigcomp on a connection-oriented
//     protocol ... using UDP/DTLS") read as media. Media is negotiated by INVITE, UPDATE,
//     PRACK and ACK: the media rules no longer read a response to REGISTER, SUBSCRIBE,
//     NOTIFY, PUBLISH, MESSAGE, REFER, BYE or CANCEL, and a 400 (a request received and not
//     parsed) no longer reads as a hop not reached: 25/25 after.
//   - testdata/fresh41.tsv (batch Z18: 16 phrases of carrier platforms built on open-source
//     proxies, read file by file: a cloud PBX's proxy roles (registrar, pick-up, presence,
//     push notifications), a class-4 switch's media negotiation, a PBX suite's park server,
//     a carrier platform's media-server applications and test scenarios; rows the collector
//     was unsure of dropped), scored once: 87.5% (14/16), against 93.8% (15/16) for the
//     codes' defaults alone. Misses: "488 hold connections" read as a hop not reached (a 488's
//     connections are the media's: no labelled 488 of 327 is the network) and "500 voicebox:
//     no menu for domain/language" read as a missing route: 15/16 after.
//   - testdata/fresh42.tsv (batch Z19: 8 phrases of SIP servlet containers read file by file;
//     rows the collector was unsure of dropped), scored once: 75.0% (6/8), against 8/8 for
//     the codes' defaults alone. Misses: "481 No Application Session" and "... Identifier"
//     read as a missing route, where no labelled 481 of 77 is anything but the dialog or
//     transaction that does not exist. A wide phrase rule no longer gives a category that no
//     labelled phrase of a well-labelled code has (see the decision order): 8/8 after.
//   - testdata/fresh43.tsv (batch Z20: 17 phrases of Go and Rust SIP servers read file by file:
//     SIPREC recording servers, a softphone, B2BUAs and registrars on a Go SIP library; rows
//     the collector was unsure of dropped), scored once: 82.4% (14/17), against 94.1% (16/17)
//     for the codes' defaults alone. Misses: "500 SDP Build Failed" and "500 SDP combine
//     failed" (a server that could not build its own SDP failed itself, as "Local SDP failed"
//     in Z4 did; read as media), "503 No media port" (a port not left to allocate is a
//     resource; read as media): 17/17 after.
//   - testdata/fresh44.tsv (batch Z21: 2 phrases of the INFO handling of a PBX's SIP channel),
//     scored once: 1/2, against 0/2 for the codes' defaults alone. Miss: "488 Nothing to stop"
//     to an INFO read as media by the code; a 488 or 606 to a request that negotiates no
//     media refuses what the request carried: 2/2 after.
//   - testdata/fresh45.tsv (batch Z22: 28 phrases of an early presence agent and registrar of
//     a SIP proxy read file by file, a voicemail application, an Erlang SIP library's transport
//     errors, kamailio-based SBC configurations, a Rust bridge, a Python registrar and a
//     spec's example; four collectors on security, messaging, changelogs and question-and-answer
//     sites found 44, about 260 candidates already labelled; rows a collector was unsure of
//     dropped), scored once: 96.4% (27/28), against 92.9% (26/28) for the codes' defaults
//     alone. Miss: "400 Bad Request - Star not allowed in Contact" read as a policy, "not
//     allowed in contact" taken for a party one may not contact; only "not allowed to contact"
//     is: 28/28 after.
//   - testdata/fresh46.tsv (batch Z23: 19 phrases of proxies' error-code tables that build the
//     phrase from a table and a tag ("Error in external logic (11/SL)"), a media server's
//     applications and sample configuration, registrars and an SBC on C# and C SIP stacks, an
//     air-traffic VoIP agent; two collectors reading constant tables found 28, about 205
//     candidates already labelled; rows a collector was unsure of dropped), scored once:
//     89.5% (17/19), the same as the codes' defaults alone. Misses: "400 pending SDP offer" to
//     an UPDATE read as media, where an offer still pending is glare in the offer-answer state
//     machine (as "re-INVITE received while offer pending" was labelled); "500 could not
//     contact media server" read as the network (a hop not reached), labelled the server's
//     own failure, left: 18/19 after.
//   - testdata/fresh47.tsv (batch Z24: 13 phrases of an open-source PBX engine's SIP channel read
//     whole, an Erlang proxy's registrar and router, proxies' routing scripts; four collectors
//     reading a PBX's SIP channels, another PBX engine, and two proxies' modules file by file
//     found 34, about 330 candidates already labelled, one of them none at all; rows a
//     collector was unsure of dropped), scored once: 84.6% (11/13), the same as the codes'
//     defaults alone. Misses: "500 Failed resolving forward destination" read as the server's
//     failure (a name that did not resolve is the network's, said with a gerund), "503 No hay
//     destinos disponibles" read as an overload (no destination left to try, in Spanish): 13/13
//     after.
//   - testdata/fresh48.tsv (batch Z25: 5 phrases of Brazilian Kamailio and OpenSIPS platforms,
//     a call router's digest check and an early softphone; six collectors reading SIPp
//     scenarios and test material, SIP code in Go, Perl, Lua and Ruby, the applications of C
//     and C++ stacks, UCaaS and contact-centre documentation, non-English replies in code,
//     and issue threads of 2010-2022 wrote 31 rows, 26 of them marked unsure by their
//     collectors and dropped, and found about 390 of some 430 candidates already labelled),
//     scored once: 80.0% (4/5), 40.0% (2/5) for the codes' defaults alone. Miss: "503 Pipe target
//     missing" read as the server's failure (a target that is missing is no destination):
//     5/5 after.
//   - batches W to Z8 together: 69.3% (221/319) the first time, 57.7% (184/319) for the codes'
//     defaults alone, 79.9% (255/319) after; Z9 to Z13 together 75.0% (57/76) the first
//     time, 52.6% (40/76) for the codes' defaults alone, 94.7% (72/76) after; Z14 to Z21
//     together 81.7% (85/104) the first time, 83.7% (87/104) for the codes' defaults alone,
//     95.2% (99/104) after.
//   - A second labelling of batches V to Z21 (fresh20 to fresh44, 507 phrases), made from the
//     taxonomy and each row's code, phrase, method and source note alone, without the first
//     labels, the rules or the search tools, agreed with the first on 91.5% (464/507) and
//     called 363 of those clear. The rules as they stood when each batch was scored read
//     72.6% (368/507) right the first time, 76.1% (353/464) of the rows both labellings agree
//     on, and 85.1% (309/363) of those called clear (codes' defaults 63.3%, 66.4% and 76.6%).
//     Of the 54 clear rows read wrong, 30 were a rule reading a word out of its sense where the
//     code's default was right ("Keepalive device id mismatch" as the network, "Call-ID
//     already in use" as a busy callee), 15 the code's default where no rule had the words,
//     and 9 a rule where the default was wrong too. Holding back every wide rule whose
//     category the code's labelled phrases have at most a share s of (the labelled files as
//     they stood before each batch) would have changed those first readings of all 44
//     batches (1,793 phrases) by +6 (s = 0, what the decision order now does), +7 (0.25%),
//     -1 (0.5%), -2 (1%) and -21 (2%) right readings: a rarer category is no sign of a wrong
//     reading.
//   - A second labelling of the other real batches (fresh to fresh19, fresh45 to fresh47 and
//     heldout.tsv, 1,891 phrases), made the same way, agreed with the first on 94.6%
//     (1788/1891) and on 99.8% (1427/1430) of the rows it called clear. Against the second
//     labels, which the rules were never written from, the rules read 91.8% (1736/1891) and
//     98.3% (1405/1430) of the clear rows. Over all 2,398 real phrases outside phrases.tsv the
//     two labellings agree on 93.9% (2252/2398), and the rules agree with the second on 90.6%
//     (2172/2398), 97.7% (1757/1798) where it called the row clear: the rules were written
//     from these phrases with the first labels, so these are not first readings, but they
//     measure how far the first labels, and the rules fitted to them, are from another
//     person's reading of the taxonomy. One row was relabelled after it ("Unknown or invalid
//     realm" is the device's credentials).
//   - testdata/composed.tsv (937 phrases worded for the purpose the way carriers word them:
//     terse, with a detail after the standard phrase, as vendor constants, with typos, causes
//     in fourteen languages; labelled before the classifier saw them). 352 were written
//     alongside the rules and scored once: 90.6% (319/352), against 51.7% (182/352) for the
//     codes' defaults alone. 585 were written by a second person from the taxonomy alone,
//     without the rules at hand (680 written, 95 already in the files above), and scored once
//     with the rules as they then stood: 264 plain wordings 96.2% (254/264, codes' defaults
//     48.9%), and 321 made hard on purpose, each with a word that usually means another
//     category ("Billing database locked", "Declined: internal server error", "504 Ring
//     timeout", "No common codec with media gateway"), in three rounds 88.3%, 87.0% and 90.3%,
//     together 88.5% (284/321, codes' defaults 15.6%).
//     Rules were written from the errors that have one reading (rate quotas per hour or day,
//     minute bundles, ports that could not be allocated, addresses said to be private or
//     private IPv4 addresses given for media, unlicensed features, an account's subscription
//     on 403, call waiting, a missing rate as a routing gap, the caller's number named in
//     other languages, do-not-call lists, high-cost destination classes and kinds of call
//     disabled, negative margins, hosts that could not be reached and "no route to host",
//     identity header names without the word "header", contact limits, subscribers absent,
//     offline or busy named on 5xx, dial rules, DNIS, Max-Forwards spent, devices in use on
//     600, a 401/407 that says what credentials are required for, timeouts on 484 and ring
//     timeouts, resources on 580, named internal server errors and unhandled exceptions on any
//     code, components named as overloaded, codecs named beside a media gateway, malformed
//     URIs, servers busy in other languages, billing databases, URI schemes on 403, calls per
//     second in Polish and Turkish, a callee's rejection in Russian): 98.9% (927/937) after; of
//     the ten left, eight are readings between two categories, one a typo and one Turkish.
//     Later rounds by the second person, each scored once with the rules as they stood before
//     rules were written from it, brought the file to 4687 phrases: scored once 87.0%
//     (4080/4687), after the rules 99.6% (4667/4687). The last 26 rounds (machine
//     identifiers and log keys, wholesale carriers, administrators' own script phrases, a
//     standard phrase with a detail in 30 languages, Asian carriers in 15 languages and their
//     scripts, vertical platforms, phrases full of numbers and addresses, cloud calling
//     services, answers to methods other than a first INVITE, gateways to ISDN, SS7 and mobile
//     networks, Spanish and Portuguese idiom, 24 languages of Eastern Europe, the Middle East
//     and Africa, nine languages of Western and Northern Europe, Russian and Chinese, Japanese
//     and Korean, Arabic, Turkish, Persian and Hebrew, the English of non-native writers,
//     twelve languages of Southeast and South Asia, German and Dutch, French and Italian, Central
//     and South-Eastern Europe, the Nordic and Baltic languages and Greek, session border
//     controllers' own rejections, rejections for regulation in ten countries, Brazilian and
//     European Portuguese, the Spanish of six countries; each about a third made hard on
//     purpose) scored 91, 96, 92, 84, 90, 88, 94, 90, 94, 87, 81, 79, 88, 89, 87, 88, 92, 89,
//     90, 87, 89, 78, 85, 88, 93 and 88 of 100 the first time, 88.3% (2297/2600), against
//     65.0% (1691/2600) for the codes' defaults alone: the English rounds 85-96%, the rounds in
//     languages the rules had fewer words of 78-93% (Spanish and Portuguese 81 at first, 88
//     and 93 a few rounds later). A measure of how widely the
//     rules cover the wordings of a cause, not of accuracy on real vendors: the real batches T,
//     U and V above, scored once in the same days, gave 80.6%, 73.5% and 5/8, the same as with
//     the rules before these rounds. Two more rounds, written blind (without the rules and
//     without any search) by two writers, one as application-level SIP servers of recent years
//     word their refusals (voice bots, CPaaS, contact centres, meeting connectors), one as
//     carriers' and interconnect equipment does in twelve languages, 232 phrases after rows
//     the writers were unsure of were dropped, scored once: 94.0% (110/117) and 95.7%
//     (110/115), against 68.4% and 64.3% for the codes' defaults alone. Rules were written from
//     the errors with one reading (a rate "too high", a gateway, MGCF or breakout that could not
//     be selected, a size limit on 413 and 414, a media type on 488 and 606 as the session
//     description's, JSON web tokens as credentials before their signature reads as identity,
//     a handset that paging did not reach, "behind NAT", workers none of which is free, a
//     rating server in Russian): 229/232 after. A third, as IP PBXs, unified-communications
//     servers and phones word their answers to registrations, subscriptions, transfers and
//     presence, 115 phrases: 97.4% (112/115) the first time, 69.6% (80/115) for the codes'
//     defaults alone (misses: a subscription not authorised read as credentials, "base de
//     dados" in European Portuguese, an entity tag "not found" on 412 read as a number):
//     115/115 after. A fourth, every phrase made hard on purpose, 111 phrases: 93.7% (104/111)
//     the first time, 52.3% (58/111) for the codes' defaults alone (misses: a licence that
//     lacks a feature and a transfer not permitted read as capacity, a watcher's rules that
//     deny a subscription read as credentials, a quoted URI scheme, an extension with no
//     active registration; left: a Spanish phrase whose second clause names the cause, a
//     CANCEL beside a ring timer, a database write that failed on hang-up): 108/111 after. A
//     fifth, in 23 languages less written about, 111 phrases: 82.9% (92/111) the first time,
//     63.1% (70/111) for the codes' defaults alone; its misses were words the rules did not
//     have (money, balance and credit lines in Vietnamese, Bengali, Hebrew, Czech and Danish;
//     idle channels in Chinese and overload in Thai; rate limits in Malay, Greek and Czech; a
//     busy, absent or refusing callee in Vietnamese, Thai, Bulgarian and Czech; a database in
//     Hebrew with its prefixes; a password in traditional Chinese; failed authentication in
//     Romanian; a message too large in Ukrainian and Russian) and an OPTIONS that no one
//     answered read as the callee: 111/111 after. Three more: 36 languages of Asia, the
//     Middle East and Eastern and Northern Europe, 115 phrases: 89.6% (103/115) the first
//     time, 69.6% for the codes' defaults; ten languages of Western Europe and Africa with
//     regional idiom, 116 phrases: 90.5% (105/116), 64.7% for the codes' defaults; the SIP side
//     of systems that are not telephony first (meeting rooms, door intercoms, emergency call
//     centres, hotels, radio dispatch, fax), 114 phrases: 99.1% (113/114), 72.8% for the
//     codes' defaults. Their misses too were words the rules did not have in those languages
//     (flooding, calls per hour and per second, no gateway or route, databases, free licences
//     and channels, a caller's number, a callee on the phone or not picking up, a private
//     address in Swahili) and a licence named as not enabled: 345/345 after. Three more: ten
//     languages of Turkey, the Arab world, Iran, Pakistan and East and Southeast Asia, 118
//     phrases: 88.1% (104/118) the first time, 66.9% for the codes' defaults; ten languages
//     of Eastern Europe, 111 phrases: 86.5% (96/111), 66.7% for the codes' defaults;
//     constants, identifiers, error keys and abbreviations, 114 phrases: 94.7% (108/114),
//     63.2% for the codes' defaults; again words the rules did not have (billing servers,
//     databases with their prefixes, portability, debts and spending limits, per-second and
//     per-hour limits, gateways down, private and local addresses, accounts blocked or made
//     inactive, "bal", "reqs", "antiflood", "no contact bound", "cw disabled"): 342/343
//     after (left: "500 HLR سے سبسکرائبر کی معلومات حاصل نہیں ہو سکیں", an HLR whose data could
//     not be fetched, in Urdu). Three more: every phrase hard on purpose in six languages of
//     Western Europe, 115 phrases: 78.3% (90/115) the first time, 27.0% (31/115) for the
//     codes' defaults; every phrase hard on purpose in eight languages of Eastern Europe and
//     Asia, 117 phrases: 70.1% (82/117), 31.6% (37/117) for the codes' defaults; answers to
//     requests other than a first INVITE, 116 phrases: 98.3% (114/116), 74.1% (86/116) for
//     the codes' defaults. Words the rules lacked were added (a Q.850 cause written as
//     "causa", "Ursache" or "причина" as well as "cause"; caller identity, prepaid credit,
//     rate limits, routing tables, callees on another call, crashes and unreachable peers in
//     those languages): 103/115, 109/117 and 116/116 after. A heading that only restates a
//     status in other words than the code's standard phrase ("Ocupado:", "Besetzt –",
//     "Nicht erreichbar:") no longer decides before the cause after it, when the phrase reads
//     as no more than the code's default (see heading.go): 109/115 and 113/117. Left: a
//     refusal heading on 403 before a cause the 403 rules do not read ("Accesso negato: il
//     chiamato ha rifiutato", "Verboden: ... wordt niet ondersteund"). Three rounds of plain
//     everyday wordings: Spanish and Portuguese, 117 phrases: 95.7% (112/117) the first time,
//     65.8% (77/117) for the codes' defaults; French, German and Italian, 113 phrases: 97.3%
//     (110/113), 71.7% (81/113); Chinese, Japanese and Korean, 116 phrases: 91.4% (106/116),
//     76.7% (89/116); misses were words in those languages again (an authentication user that
//     does not match, another call, channels and rate limits, a provider that does not answer,
//     a source address not authorised, spending caps, no routing destination) and a registrar
//     or trunk that does not answer an OPTIONS or REGISTER, read as the callee (those requests
//     have none): 117/117, 113/113 and 115/116 after. Three more: plain wordings in Russian,
//     Ukrainian, Polish, Czech, Romanian and Hungarian, 116 phrases: 88.8% (103/116) the first
//     time, 71.6% (83/116) for the codes' defaults; in Turkish, Arabic, Persian, Hebrew,
//     Indonesian and Vietnamese, 115 phrases: 91.3% (105/115), 71.3% (82/115); the English of
//     ten English-speaking markets, 117 phrases: 99.1% (116/117), 59.0% (69/117); misses were
//     again words of those languages (private and "grey" addresses, per-minute and per-hour
//     limits, databases and portability with their prefixes, charging servers, free ports,
//     callees who do not answer, a SIP account that does not exist, "airtime"), a subscriber's
//     number in Russian read as the caller's, and a registration server that does not answer
//     a REGISTER read as the callee: 348/348 after. Three more: softswitches, IMS cores and
//     call centres of China, Taiwan, Japan and Korea with technical terms mixed in, 114
//     phrases: 86.8% (99/114) the first time, 60.5% (69/114) for the codes' defaults; plain
//     wordings in ten languages of the Balkans, Greece, the Baltic states and Kazakhstan, 115
//     phrases: 91.3% (105/115), 68.7% (79/115); English that names the failing part of the
//     system, half hard on purpose, 116 phrases: 95.7% (111/116), 53.4% (62/116). Two words
//     added earlier turned out too wide and were narrowed ("미지원", unsupported, read any
//     unsupported thing as the request's; "密碼", password, read a request for credentials
//     as wrong ones); all gateways of a set inactive is a missing route; a flow that failed
//     on 430 has no callee: 114/114, 115/115 and 112/116 after. Three more: plain wordings in
//     seven languages of South and Southeast Asia, 112 phrases: 91.1% (102/112) the first
//     time, 76.8% (86/112) for the codes' defaults; in Dutch, the Nordic languages and Polish,
//     115 phrases: 87.0% (100/115), 63.5% (73/115); what administrators write by hand in their
//     dialplans and scripts, 114 phrases: 96.5% (110/114), 65.8% (75/114); misses were again
//     words of those languages, and an INFO package not supported on 469 read as media:
//     111/112, 115/115 and 114/114 after. Two more: mobile and IMS cores and their gateways
//     to ISUP, SS7 and fax, 115 phrases: 93.0% (107/115) the first time, 68.7% (79/115) for
//     the codes' defaults; wholesale carriers, routing and anti-fraud platforms and SIP
//     services outside telecoms (hotels, nurse call, intercoms, alarm receivers), 114
//     phrases: 97.4% (111/114), 69.3% (79/114); misses: Diameter results that name the
//     subscriber's identities or roaming read as a back-end failure, roaming without an
//     agreement, a service not authorised in Spanish and "SMS over IP not allowed" read as
//     credentials, a rate "for" something exceeded, "too many requests" in Italian, Polish
//     and Turkish, an error named with the HSS in Dutch, an SCP that did not respond, a
//     source address not in an IP group, a payment overdue in Turkish: 115/115 and 114/114
//     after. Six more: status lines mangled as real ones are (truncated, abbreviated,
//     misspelt, constants and module names), 115 phrases: 98.3% (113/115) the first time,
//     59.1% (68/115) for the codes' defaults; Spanish and Portuguese of Latin America and
//     Iberia, 115: 89.6% (103/115), 57.4% (66/115); Russian, Ukrainian and Chinese, 115: 89.6%
//     (103/115), 49.6% (57/115); German, French, Dutch and Italian, 114: 89.5% (102/114),
//     51.8% (59/114); answers to requests other than a first INVITE, 114: 96.5% (110/114),
//     68.4% (78/114); every phrase hard on purpose in English, 114: 86.8% (99/114), 23.7%
//     (27/114). Misses were again words of those languages (a rejection in the past tense,
//     ring time run out, a handset out of range or switched off, ports and licences
//     exhausted, a charging engine or subscriber database down, a query that failed, a
//     provider that gives no answer, a TLS connection that failed, a user name that does not
//     match the sender, withheld numbers refused, an unpaid invoice, a number's format or
//     digits wrong, a crash, a transfer not allowed, an account disabled, fraud calls
//     intercepted, calls per day and messages too frequent), Q.850 "call rejected" with the
//     user as its location, a private next hop, ICE candidates missing, a RADIUS server that
//     rejected the password, a 401 whose credentials were rejected, prepaid time used up, a
//     487 whose caller cancelled before the ring timeout, a DTMF payload in an INFO read as
//     media, an entity tag on 412 read as a number, and English headings that are another
//     code's standard phrase or a variant of it ("Internal Server Error - routing table has
//     no entry ..."): 682/687 after. The widened table of categories seen per code (see
//     seen.go) turned two real phrases wrong ("500 Unknown source type" and "500 Error
//     translating MD5->AKA authorized REGISTER" now read as credentials) and one right
//     ("404 Not Found Here (SDP parse error)"); counting a category seen in composed phrases
//     only from two of them would lose 18 composed readings to win one real one. Four more:
//     refusals tied to regulation and numbering in the US and Canada, 112 phrases (four the
//     file already held left out): 94.6% (106/112) the first time, 52.7% (59/112) for the
//     codes' defaults; every phrase hard on purpose in five languages of Western Europe, 113:
//     86.7% (98/113), 63.7% (72/113); seven languages of East and Southeast Asia, 113: 86.7%
//     (98/113), 59.3% (67/113); Turkish, Arabic, Persian, Hebrew, Hindi, Urdu, Polish and
//     Czech, 114: 86.0% (98/114), 53.5% (61/114). Misses were words of those languages again
//     (a trunk disabled, licences, channels and concurrent calls, rate limits per second and
//     per hour, a rejection by the user, no answer, an unregistered extension, an abnormal
//     end of a process, an internal error, TLS handshakes, a charging system, a spending
//     limit, an unverified caller number, codecs, no route), a call rate in French, "too many
//     ... in 24 hours", a connection to a peer lost, a next hop that does not answer, a flow
//     lost, a caller who hung up before a 487 in Italian, credentials rejected on 401 in
//     French, a presence database, and consent on 470 read as the callee's refusal; a rate
//     limit named as exceeded is now read before a keep-alive's failure ("OPTIONS keepalive
//     rate exceeded"): 447/452 after (left: a negated password error, "injoignable" before a
//     callee on another line, a busy callee on 503, a number "not a valid NANP number" on
//     400, and "400 Missing P-Asserted-Identity on trunk call", which the rules read as a
//     malformed request, as they read a required header missing on 400). Four rounds of
//     plain everyday wordings (eleven phrases the file already held left out): SBC, gateway,
//     PBX and phone vendors' own phrases as their manuals list them, 112 phrases: 98.2%
//     (110/112) the first time, 66.1% (74/112) for the codes' defaults; French, Italian and
//     Spanish carriers and cloud PBXs, 113: 95.6% (108/113), 69.0% (78/113); German, Dutch,
//     Polish and Russian, 110: 95.5% (105/110), 66.4% (73/110); Chinese, Japanese and
//     Korean, 113: 94.7% (107/113), 64.6% (73/113). Misses: presence watching not
//     authorised read as credentials, hourly call-attempt limits, a trunk's credentials
//     rejected on 407 in Spanish, a monthly consumption cap, no channels left, a presence
//     database, a private network, number spoofing in Russian, unpaid invoices in Dutch, a
//     query to a database that failed in Polish, a remote server that did not answer in
//     Russian, an extension account that does not exist on REGISTER in Chinese, a number
//     format, exhausted ports, call-attempt limits in Japanese and Korean, an HSS query that
//     failed: 448/448 after. Four more plain rounds (one phrase already held left out):
//     trunk carriers and UCaaS platforms of English-speaking markets, 116 phrases: 96.6%
//     (112/116) the first time, 62.9% (73/116) for the codes' defaults; Brazil and Portugal,
//     114: 97.4% (111/114), 65.8% (75/114); Turkish, Arabic, Persian and Hebrew, 114: 87.7%
//     (100/114), 68.4% (78/114); India and Southeast Asia, 113: 97.3% (110/113), 68.1%
//     (77/113). Misses: all call appearances of a phone in use read as capacity, a rejection
//     by a named kind of user or a DID's owner, a media engine fault, too many requests in
//     Portuguese and Turkish, a dialplan's run-time error, a trunk that gave no answer said
//     with the answer first, a private address in a Contact header, words of the four
//     languages of the Middle East for portability queries, rate plans, routes, callees who
//     do not answer, codecs, daily and hourly limits, concurrent-call licences, pricing and
//     prepaid charging engines and an authentication user that does not match From, and
//     Filipino and Thai for calls not allowed, a server that cannot be reached and calls per
//     hour: 457/457 after. Four more plain rounds (three phrases already held left out):
//     registrars and hosted PBXs answering registrations, 117 phrases: 98.3% (115/117) the
//     first time, 65.8% (77/117) for the codes' defaults; outbound dialers and their
//     carriers, 117: 97.4% (114/117), 69.2% (81/117); IMS and VoLTE cores, 114: 96.5%
//     (110/114), 71.9% (82/114); enterprise, hotel and hospital PBXs, 113: 98.2% (111/113),
//     66.4% (75/113). Misses: an account disabled in Turkish, a subscriber database out of
//     touch in Russian, "callQuotaExceeded" read as concurrent calls, do-not-call and
//     reputation look-ups that failed read as the block or the caller, a caller identity
//     not verified in Spanish, a codec's audio bandwidth read as call admission control, a
//     ping rate "too high", a media address not routable in French, calls to mobiles not
//     authorised in Spanish read as credentials, a remote PBX that gave no answer in
//     Italian: 461/461 after. Four more plain rounds (two phrases already held left out):
//     programmable-voice and CPaaS platforms, 109 phrases: 94.5% (103/109) the first time,
//     66.1% (72/109) for the codes' defaults; SBCs towards Teams, Zoom, Webex and Google
//     Voice, 114: 98.2% (112/114), 67.5% (77/114); Africa and Latin America, 113: 96.5%
//     (109/113), 66.4% (75/113); ten languages of the Nordic and Baltic countries and
//     Central Europe, 115: 84.3% (97/115), 62.6% (72/115). Misses were mostly words of those
//     ten languages (limits per minute and hour, channel limits, lines busy, no free channel,
//     number portability look-ups, a charging system, a cost limit, a rejection by the user,
//     an extension not logged in, no answer, a next node unreachable, a spoofed number, an
//     authentication name that does not match From), and an IP access control list, an API
//     key in French, a server that could not be connected to in Portuguese, credentials
//     "incorrects" on 401, a pricing engine, a media engine's internal failure, a transfer
//     not authorised in Portuguese and a caller identification required: 448/451 after
//     (left: "404 Client identity 'support-bot' does not exist", "603 Call refused by the
//     called party's device", and "502 Erro interno no gateway de interconexão", whose
//     Portuguese "no" ("in the") reads as "no gateway"). Four more: every phrase hard on
//     purpose in English, 114 phrases: 92.1% (105/114) the first time, 43.0% (49/114) for the
//     codes' defaults; every phrase hard on purpose in Chinese, Japanese, Korean and Russian,
//     113: 76.1% (86/113), 23.9% (27/113); voicemail, conferencing, IVR, recording and fax
//     servers, plain, 117: 99.1% (116/117), 67.5% (79/117); emergency and regulated
//     calling, plain, 110: 91.8% (101/110), 62.7% (69/110). Most misses of the hard CJK and
//     Russian round were the code's standard phrase in those languages as a heading before
//     the cause ("禁止：授權通道數已用盡", "Запрещено: вызываемый абонент отклонил входящий"):
//     those headings are now
//     plain statuses (heading.go), with the words of the causes after them; others: all
//     lines or devices of the called party in use and a fax machine busy read as capacity or
//     media, a caller who released before answer on 486, insufficient credit beside a
//     premium-rate destination (the rule for a balance stated empty now comes before the
//     one for high-cost destinations), an authentication user that does not match From
//     identity, a media engine's internal error, real-time text, a private media address in
//     French, a national numbering plan, a caller identifier usurped, a worker that
//     segfaulted: 447/454 after. A plain round of phones, softphones and ATAs answering calls
//     themselves, 114 phrases: 95.6% (109/114) the first time, 75.4% (86/114) for the codes'
//     defaults (misses: a user on a GSM call, insufficient audio resources in French, a block
//     list's database not loaded, an audio driver's failure, a network that cannot be
//     reached in Japanese): 114/114 after. The file now has 11425 phrases. Three rounds made
//     hard on purpose in ten more languages, mostly with the code's standard phrase in that
//     language as a heading before a cause of another category ("Temporariamente
//     indisponível: linha suspensa por fatura em atraso", "ممنوع: الرقم المطلوب غير مخصص لأي
//     مشترك"), 345 phrases: 73.9% (255/345) the first time, 12.5% (43/345) for the codes'
//     defaults. The standard phrases of the common codes in those languages were made plain
//     status headings (258/345), but the causes after them need words of ten languages that
//     the rules do not have yet; the rounds are kept as scored in
//     testdata/composed-headings.tsv, not fitted, and left out of the table of categories
//     seen per code (seen.go). Over the sixty-two blind rounds, 7,083 phrases: 91.4%
//     (6476/7083) the first time, against 59.9% (4241/7083) for the codes' defaults; over the
//     nineteen rounds of plain everyday wordings of this session, 95.5% (2060/2158).
//   - testdata/composed-probes.tsv (172 phrases written to probe the rules' vocabulary, after
//     dropping 122 that the files already held: plain carrier wordings, switch constants and
//     abbreviations ("NORMAL_CIRCUIT_CONGESTION", "Insuff bal"), a part of the request named
//     by its topic on protocol codes ("400 Timeout value invalid", "481 Session timed out"),
//     plain causes in twelve languages): 87.8% (151/172) with the rules before, 93.6%
//     (161/172) after rules for trunks all down or none free, a 400 naming an invalid part of
//     the request, 481's "cancel" and "timed out". The eleven left read either way ("486
//     Callee hung up", "480 Destination temporarily unreachable", "400 Invalid RTP map").
//   - the 5-fold hold-out on the shared phrases.tsv (TestSharedPhrasesHoldOut): 91.9%
//     (237/258), 86.6% on the non-standard phrases (136/157); 89.5% (231/258) before batch
//     H's rules. The hold-out drops the keywords and exact phrases that match only the
//     held-out fold; it also reports a stricter figure that drops the regular-expression
//     alternatives matching only the fold as well (a pattern could restate a dropped word):
//     90.7% (234/258), 84.7% (133/157); 88.8% (229/258) before.
//
// The code's default category alone would score 63.5%, 53.2%, 54.5%, 66.7%, 63.6%, 68.8%, 80.4%,
// 59.7% and 54.3% on batches E, F, G, H, I, J, K, L and M: the phrase rules added 15 to 22 points
// on E to G, L and M, 8 points on I and J and 3.5 on K on phrases they had not seen, short of the
// 90% aimed at, and took 22 points away on H.
//
// What is left wrong on fresh phrases is mostly of three kinds: a phrase that fits two
// categories equally well ("403 No permitted route": routing or policy; "404 Destination
// unavailable": routing or callee; "504 Error routing on client connection": routing or
// network; "400 Bad Request (To Number)": malformed request or number), a phrase that names a
// component without saying what it did ("503 Voice Unavailable", "488 Audio pipeline
// unavailable", "503 Lemtel Edge disabled"), and words the rules read in their usual sense
// where one vendor meant another ("500 Unknown source type" is not an unknown source address,
// "503 Unknown User" is an account, "603 carrier_disabled" a route). Batch D adds two more: a
// handset's gloss that contradicts its code ("408 Gesprächspartner ist nicht erreichbar" is a
// timeout, not the callee), and a fault named on a code the rule does not expect (an exception
// on a 499). Batches F and G add vendor constants that join two causes ("474
// CALLED_BLACKLIST_LIMIT" is a block list, not a limit; "476 ACCOUNT_STOP_LIMIT" an account
// stopped for debt) and texts whose sense depends on the product ("486 channel not support"
// is a camera channel in GB28181, "603 Declined Media Devices" a browser permission). Batch I
// leaves five of the same kinds: a phrase that says nothing the code does not ("403 What a
// nasty guy you are" refuses credentials used for another's address), a word in its usual sense
// where the source meant another ("480 Authentication error" is an identity the proxy could not
// sign, "500 I-CSCF Error while stripping untrusted headers" the server's own step), and phrases
// between two categories ("403 Charging User not found": the charging back-end or an account not
// provisioned; "503 No RTP-Relay available": a media relay failed or none has room).
//
// Languages other than English are where the rules generalised least: a probe of 191 phrases
// worded for this purpose (each category's usual causes in Spanish, Portuguese, French, German,
// Italian, Russian, Turkish, Polish, Chinese, Japanese and Korean, each on a code whose default
// says something else) found 70 left to the code's default or a wrong rule, against 2 of 82
// English wordings of the same causes and 1 of 38 vendor constants such as NO_ROUTE_DESTINATION.
// Inflected forms (bloqueadas, désactivé, przeciążony), untranslated causes (unreachable,
// malformed, anonymous, switched off, all channels busy) and Korean words with endings were
// added; 67 of the 70 are now in TestPhraseVariants, and no labelled file changed score.
//
// Rules are read in order, so an earlier rule can make a later rule's keyword dead on some
// codes without any labelled phrase noticing. TestKeywordsNotShadowed writes every exact phrase
// and keyword of the rules on its own on every registered code its rule names (about 4,500
// keywords and 70 codes); at 1,763 lines it found a network named down read as an absent
// callee on 4xx ("480 Network unavailable"), "сервер не отвечает" as a callee who does not
// answer, "tempo limite esgotado" as capacity exhausted, a bearer service not provisioned as a
// bearer capability, the caller's hang-up on 603 as a decline, and "404 Not Found in location"
// left to the code (rules read what a phrase adds to the standard one, so such keywords need
// an exact phrase). TestKeywordsBesideAdvice writes each keyword beside advice, labels and
// lead-ins that name no cause ("..., please try again later", "... (ref 12345)", "Error: ..."):
// "try again later" had been read before half the rules ("Account suspended, try later" was a
// rate limiter), and an amount in Turkish lira matched "2 try later". No labelled phrase
// changed its reading with these fixes. Appending "please try again later" to every labelled
// phrase the rules read right then still changed 827 readings (the advice decided where only
// the code's default had); the advice now decides only a 403, 429, 500 or 503 that says
// nothing else, and the same changes 14.
//
// A keyword's weight on the labelled phrases can be measured by taking it out: over the 1,282
// single-word keywords of the rules that read every class of code, taking out "header*",
// "content*" and "extension*" (of the protocol rule) and "拒否されました" (of the policy rule)
// made four phrases right and none wrong, and "host" (of the network rule) changed nothing while
// it read "Forbidden on host pbx-3" as the network's; all five were taken out. The same over
// every keyword and every top-level alternative of the rules' patterns found two more: "processing
// exception" read "SDP processing exception" as a program's error (now only a call processing
// exception is), and "fraud" in an early rule read a fraud guard's spend cap and velocity rule
// as a block (it is now read after them). Most other words either decide some phrases (taking
// out "sdp" loses 21, "route" 6) or decide none yet name their cause unambiguously
// ("unallocated", "congestion").
//
// # Cost
//
// Responses without Reason and Warning headers are answered from a bounded cache keyed by
// (code, phrase, method, context); a repeated answer does not allocate. A phrase seen for the
// first time runs the rules, and most of their phrase patterns are long alternations of words
// the phrase lacks: each pattern carries a prefilter, the strings a text it matches must
// contain (prefilter.go), and a one-hash Bloom filter of the phrase's byte pairs rules out
// most keywords and strings with a few bit tests. Over every labelled phrase of testdata a
// first classification takes about 13 µs with the rules of 30 Nov (1,200 lines; 110 µs running
// every pattern), 17.5 µs at 1,475 lines and 21 µs at 1,486 lines (over 100 more phrases) on 1
// Dec, 24 µs at 1,630 lines (over 1,300 more phrases, more of them long and in other scripts)
// and 26 µs at 1,725 lines and again at 1,812; cached, about 105-110 ns.
package classify
