"""Checks the facts users rely on against expectations written here from the
RFCs and the severity policy, never read from data/: a wrong value in the
data or the plugin makes these fail.

- the expert severity of each code the user guide names and of each class;
- the header each code must carry (a response without it gets
  sip_explain.context.missing_header) and the methods a code may answer;
- the warn-codes of RFC 3261 section 20.43 and the IANA warn-code registry;
- the form of the summary (the whole first sentence, in every language);
- tree-less runs (-z expert, -z sip_explain,tree) agree with the tree on
  TCP-segmented traffic, in one pass and with -2.
The Q.850 to SIP mapping of RFC 3398 is checked on the generated table
(tests/unit/test_rfc_facts.c): the plugin shows the cause, not the mapping."""
import os
import re
import unittest

import sipx

# Severity: Wireshark's expert levels (-T fields _ws.expert.severity) and
# the plugin's own field (0 Chat .. 3 Error).
LEVEL = {"Chat": "2097152", "Note": "4194304", "Warning": "6291456", "Error": "8388608"}
RANK = {"Chat": "0", "Note": "1", "Warning": "2", "Error": "3"}

# The policy (docs/user-guide.md "Expert infos", header of data/responses.ini) applied
# code by code. A set where the policy allows either.
SEVERITY = {
    # provisional and success: Chat
    100: "Chat", 180: "Chat", 181: "Chat", 182: "Chat", 183: "Chat", 199: "Chat",
    200: "Chat", 202: "Chat", 204: "Chat",
    # ordinary redirection: Chat
    300: "Chat", 301: "Chat", 302: "Chat",
    # normal flow: challenges (RFC 3261 section 22, RFC 3329 section 2), 487 after CANCEL
    401: "Chat", 407: "Chat", 494: "Chat", 487: "Chat",
    # user outcomes: Note
    404: "Note", 480: "Note", 486: "Note", 600: "Note", 603: "Note", 604: "Note",
    # protocol or configuration faults: Warning
    400: "Warning", 405: "Warning", 415: "Warning", 420: "Warning", 421: "Warning",
    422: "Warning", 423: "Warning", 488: "Warning", 489: "Warning",
    # routine races of RFC 3261 (a late BYE, a merged request): Warning
    481: "Warning", 482: "Warning",
    # transport, routing and server failures
    408: ("Warning", "Error"), 483: ("Warning", "Error"),
    500: "Error", 502: ("Warning", "Error"), 503: ("Warning", "Error"), 504: ("Warning", "Error"),
    # unregistered codes get their class: [1xx] .. [6xx]
    150: "Chat", 250: "Chat", 350: "Chat", 450: "Warning", 550: "Error", 650: "Note",
}

CLASS_NAMES = {1: "Provisional", 2: "Success", 3: "Redirection", 4: "Client Failure",
               5: "Server Failure", 6: "Global Failure"}
# The class names of the summary and the Explanation line in each language.
CLASS_NAMES_IN = {
    "en": CLASS_NAMES,
    "ru": {1: "Предварительный", 2: "Успех", 3: "Перенаправление", 4: "Ошибка клиента",
           5: "Ошибка сервера", 6: "Глобальная ошибка"},
    "vi": {1: "Tạm thời", 2: "Thành công", 3: "Chuyển hướng", 4: "Lỗi phía client",
           5: "Lỗi phía server", 6: "Lỗi toàn cục"},
}

# Code -> the header its RFC says the response MUST carry.
REQUIRED_HEADER = {
    401: ("Unauthorized", "WWW-Authenticate"),              # RFC 3261 section 22.2
    407: ("Proxy Authentication Required", "Proxy-Authenticate"),  # RFC 3261 section 22.3
    405: ("Method Not Allowed", "Allow"),                   # RFC 3261 section 21.4.6
    420: ("Bad Extension", "Unsupported"),                  # RFC 3261 section 21.4.15
    421: ("Extension Required", "Require"),                 # RFC 3261 section 21.4.16
    422: ("Session Interval Too Small", "Min-SE"),          # RFC 4028 section 6
    423: ("Interval Too Brief", "Min-Expires"),             # RFC 3261 section 10.3 step 7
    469: ("Bad Info Package", "Recv-Info"),                 # RFC 6086 section 4.2.2
    494: ("Security Agreement Required", "Security-Server"),  # RFC 3329 section 2.3.1
}
# A method each code may answer (so the method limit stays quiet).
ANSWERS = {423: "REGISTER", 422: "INVITE", 469: "INFO"}

# Code -> (methods it may answer, the RFC that limits it). Not 423: RFC 3261
# section 21.4.17 ties it to no method (RFC 6665 and RFC 3903 reuse it).
METHOD_LIMITS = {
    204: (("SUBSCRIBE",), "RFC 5839"),
    412: (("PUBLISH",), "RFC 3903"),
    422: (("INVITE", "UPDATE"), "RFC 4028"),
    489: (("SUBSCRIBE", "NOTIFY", "PUBLISH"), "RFC 6665"),
}

# RFC 3261 section 20.43, and the IANA "Warning Codes (warn-codes)" registry
# (308: RFC 8373; 380, 381: RFC 5630).
WARN_CODES = {
    300: "Incompatible network protocol", 301: "Incompatible network address formats",
    302: "Incompatible transport protocol", 303: "Incompatible bandwidth units",
    304: "Media type not available", 305: "Incompatible media format",
    306: "Attribute not understood", 307: "Session description parameter not understood",
    308: "Incompatible language specification",
    330: "Multicast not available", 331: "Unicast not available",
    370: "Insufficient bandwidth", 380: "SIPS Not Allowed", 381: "SIPS Required",
    399: "Miscellaneous warning",
}

# Registered reason phrases (RFC 3261 section 21 and the IANA registry) of
# the codes sent below.
PHRASES = {
    100: "Trying", 180: "Ringing", 181: "Call Is Being Forwarded", 182: "Queued",
    183: "Session Progress", 199: "Early Dialog Terminated", 200: "OK", 202: "Accepted",
    204: "No Notification", 300: "Multiple Choices", 301: "Moved Permanently",
    302: "Moved Temporarily", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
    405: "Method Not Allowed", 407: "Proxy Authentication Required", 408: "Request Timeout",
    412: "Conditional Request Failed", 415: "Unsupported Media Type", 420: "Bad Extension",
    421: "Extension Required", 422: "Session Interval Too Small", 423: "Interval Too Brief",
    469: "Bad Info Package", 480: "Temporarily Unavailable", 481: "Call/Transaction Does Not Exist",
    482: "Loop Detected", 483: "Too Many Hops", 486: "Busy Here", 487: "Request Terminated",
    488: "Not Acceptable Here", 489: "Bad Event", 494: "Security Agreement Required",
    500: "Server Internal Error", 502: "Bad Gateway", 503: "Service Unavailable",
    504: "Server Time-out", 600: "Busy Everywhere", 603: "Decline", 604: "Does Not Exist Anywhere",
}

TCP_SEGMENTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden", "tcp_segments.pcap")


def respond(code, i, method="INVITE", extra=""):
    return sipx.response(code, PHRASES.get(code, "Vendor Specific"), method=method, cseq=i + 1,
                         branch="z9hG4bKf%d" % i, extra=extra)


class RfcFactsTest(sipx.WorkspaceTest):
    # one ctest entry per method (tests/lib/list_tests.py): they run in parallel
    CTEST_PER_METHOD = True

    def rows(self, msgs, fields, extra=()):
        pcap = self.ws.capture(msgs)
        return self.ws.fields(pcap, ["frame.number"] + fields, extra=extra)

    # ---- severity ----

    def test_severity_per_code_and_class(self):
        codes = sorted(SEVERITY)
        # Each response carries what its code needs, so only its own expert
        # info is raised (no missing-header or method complaints).
        extras = {401: 'WWW-Authenticate: Digest realm="x", nonce="n"',
                  407: 'Proxy-Authenticate: Digest realm="x", nonce="n"', 405: "Allow: OPTIONS, REGISTER",
                  420: "Unsupported: foo", 421: "Require: 100rel", 422: "Min-SE: 90",
                  423: "Min-Expires: 60", 494: "Security-Server: tls;q=0.2", 415: "Accept: application/sdp",
                  300: "Contact: <sip:a@192.0.2.1>", 301: "Contact: <sip:a@192.0.2.1>",
                  302: "Contact: <sip:a@192.0.2.1>", 350: "Contact: <sip:a@192.0.2.1>"}
        methods = {204: "SUBSCRIBE", 423: "REGISTER", 489: "SUBSCRIBE"}
        rows = self.rows([respond(c, i, methods.get(c, "INVITE"), extras.get(c, ""))
                          for i, c in enumerate(codes)],
                         ["sip_explain.code", "sip_explain.severity", "_ws.expert.message",
                          "_ws.expert.severity"])
        self.assertEqual([int(r[1]) for r in rows], codes)
        for row, code in zip(rows, codes):
            want = SEVERITY[code]
            want = want if isinstance(want, tuple) else (want,)
            with self.subTest(code=code):
                self.assertIn(row[2], [RANK[w] for w in want], "sip_explain.severity of %d" % code)
                own = [(m, s) for m, s in zip(row[3].split("|"), row[4].split("|"))
                       if m.startswith("%d " % code)]
                self.assertEqual(len(own), 1, row)
                self.assertIn(own[0][1], [LEVEL[w] for w in want], "expert severity of %d" % code)

    # ---- conformance: required headers, method limits ----

    def test_required_header_missing_and_present(self):
        codes = sorted(REQUIRED_HEADER)
        without = [respond(c, i, ANSWERS.get(c, "INVITE")) for i, c in enumerate(codes)]
        rows = self.rows(without, ["sip_explain.code", "_ws.expert.message"],
                         extra=["-Y", "sip_explain.context.missing_header"])
        flagged = {int(r[1]): r[2] for r in rows}
        for code in codes:
            reason, header = REQUIRED_HEADER[code]
            with self.subTest(code=code):
                self.assertIn(code, flagged, "%d without %s is not flagged" % (code, header))
                self.assertIn("%d %s without %s, which " % (code, reason, header), flagged[code])
        # With the header: no complaint. Each header on its own response.
        values = {"WWW-Authenticate": 'Digest realm="x", nonce="n"',
                  "Proxy-Authenticate": 'Digest realm="x", nonce="n"', "Allow": "INVITE",
                  "Unsupported": "foo", "Require": "100rel", "Min-SE": "90", "Min-Expires": "60",
                  "Recv-Info": "", "Security-Server": "tls;q=0.2"}
        with_header = [respond(c, i, ANSWERS.get(c, "INVITE"),
                               "%s: %s" % (REQUIRED_HEADER[c][1], values[REQUIRED_HEADER[c][1]]))
                       for i, c in enumerate(codes)]
        rows = self.rows(with_header, ["sip_explain.code"], extra=["-Y", "sip_explain.context.missing_header"])
        self.assertEqual(rows, [])
        # Codes the RFCs give no such rule: never flagged.
        rows = self.rows([respond(c, i) for i, c in enumerate((404, 480, 486, 488, 500, 603))],
                         ["sip_explain.code"], extra=["-Y", "sip_explain.context.missing_header"])
        self.assertEqual(rows, [])

    def test_expert_field_filter_in_each_pass(self):
        # Whether a filter names one of the plugin's expert fields is kept
        # for a pass of tshark (sip_explain_shown.c). With -2 a filter on an
        # expert field finds the same responses whether it is the first
        # pass's (-R) or the second's (-Y).
        codes = sorted(REQUIRED_HEADER)
        pcap = self.ws.capture([respond(c, i, ANSWERS.get(c, "INVITE")) for i, c in enumerate(codes)])
        named = ["-Y", "sip_explain.context.missing_header"]
        one = self.ws.fields(pcap, ["sip_explain.code"], extra=named)
        self.assertEqual(sorted(int(r[0]) for r in one), codes)
        second = self.ws.fields(pcap, ["sip_explain.code"], extra=["-2", "-R", "sip_explain.class >= 1"] + named)
        self.assertEqual(second, one)
        first = self.ws.fields(pcap, ["sip_explain.code"],
                               extra=["-2", "-R", "sip_explain.context.missing_header", "-Y", "sip_explain.class >= 1"])
        self.assertEqual(first, one)

    def test_415_needs_one_of_the_accept_headers(self):
        # RFC 3261 section 21.4.13: a 415 lists what the server takes in
        # Accept, Accept-Encoding or Accept-Language (whichever the problem
        # is about): one of the three is enough, none is a fault.
        msgs = [respond(415, 0), respond(415, 1, extra="Accept: application/sdp"),
                respond(415, 2, extra="Accept-Encoding: gzip"), respond(415, 3, extra="Accept-Language: en"),
                respond(415, 4, extra="Accept-Contact: *;audio")]
        rows = self.rows(msgs, ["_ws.expert.message"], extra=["-Y", "sip_explain.context.missing_header"])
        self.assertEqual([r[0] for r in rows], ["1", "5"], rows)
        for r in rows:
            self.assertIn("415 Unsupported Media Type without any of Accept/Accept-Encoding/Accept-Language, "
                          "one of which RFC 3261 section 21.4.13", r[1])

    def test_3xx_without_contact_is_a_note_but_380_is_not(self):
        rows = self.rows([respond(c, i) for i, c in enumerate((300, 301, 302))] +
                         [sipx.response(380, "Alternative Service", cseq=9, branch="z9hG4bKf9")],
                         ["sip_explain.code", "_ws.expert.message"])
        flagged = [r[1] for r in rows if "redirect without Contact" in r[2]]
        self.assertEqual(flagged, ["300", "301", "302"])

    def test_filter_on_an_expert_name_alone(self):
        """docs/user-guide.md lists sip_explain.context.missing_header and friends as
        filters: filtering on one alone, without -V or -e _ws.expert.*,
        selects the packets that raise it."""
        pcap = self.ws.capture([respond(302, 0), respond(405, 1)])
        for name, frame in (("sip_explain.context.no_contact", "1"), ("sip_explain.context.missing_header", "2")):
            with self.subTest(filter=name):
                rows = self.ws.fields(pcap, ["frame.number"], display_filter=name)
                self.assertEqual(rows, [[frame]])

    def test_method_limits(self):
        all_methods = ("INVITE", "REGISTER", "SUBSCRIBE", "NOTIFY", "PUBLISH", "UPDATE", "OPTIONS", "MESSAGE")
        msgs, expect = [], []
        for code in sorted(METHOD_LIMITS):
            allowed, _ = METHOD_LIMITS[code]
            for method in all_methods:
                msgs.append(respond(code, len(msgs), method))
                expect.append((code, method, method not in allowed))
        rows = self.rows(msgs, ["sip_explain.code", "_ws.expert.message"])
        self.assertEqual(len(rows), len(expect))
        for row, (code, method, wrong) in zip(rows, expect):
            with self.subTest(code=code, method=method):
                flagged = re.search(r"%d .* answers %s, but (.*) limits it to" % (code, method), row[2])
                self.assertEqual(bool(flagged), wrong, row[2])
                if flagged:
                    self.assertIn(METHOD_LIMITS[code][1], flagged.group(1))

    def test_provisional_to_non_invite_is_flagged(self):
        """RFC 4320 section 4.1: no provisional response other than 100 to a
        non-INVITE request (RFC 3261 section 8.2.6.1 said should not), and
        180/181/182/183 are defined for INVITE (RFC 3261 section 21.1): a 180
        to OPTIONS is flagged."""
        rows = self.rows([respond(c, i, "OPTIONS") for i, c in enumerate((180, 181, 182, 183))],
                         ["sip_explain.code"], extra=["-Y", "sip_explain.context.wrong_method"])
        self.assertEqual([r[1] for r in rows], ["180", "181", "182", "183"])

    # ---- warn-codes ----

    def test_warn_codes(self):
        codes = sorted(WARN_CODES)
        msgs = [respond(488, i, extra='Warning: %d gw.example.net "x"' % c) for i, c in enumerate(codes)]
        rows = self.rows(msgs, ["sip_explain.context"])
        for row, code in zip(rows, codes):
            with self.subTest(warn_code=code):
                self.assertRegex(row[1], r'(^|\|)Warning %d from gw.example.net: "x" - %s'
                                 % (code, re.escape(WARN_CODES[code])))

    # ---- the summary ----

    def test_summary_is_the_whole_first_sentence(self):
        codes = sorted(PHRASES) + [499]
        msgs = [respond(c, i) for i, c in enumerate(codes)]
        for lang in ("en", "ru", "vi"):
            rows = self.rows(msgs, ["sip_explain.code", "sip_explain.summary", "sip_explain.description"],
                             extra=["-o", "sip_explain.language:%s" % lang])
            self.assertEqual(len(rows), len(codes))
            for (_, code, summary, desc), want in zip(rows, codes):
                with self.subTest(lang=lang, code=want):
                    head = "%d %s (%s): " % (want, PHRASES[want], CLASS_NAMES_IN[lang][want // 100]) \
                        if want in PHRASES else "%d " % want
                    self.assertTrue(summary.startswith(head), summary)
                    sentence = summary.split("): ", 1)[1]
                    self.assertTrue(desc.startswith(sentence), (sentence, desc))
                    self.assertRegex(sentence, r"[.!?]$", "ends a sentence")
                    rest = desc[len(sentence):]
                    self.assertTrue(rest == "" or rest[0] == " ", "cut inside the text: %r" % rest[:20])
                    self.assertNotIn("\ufffd", summary, "a character cut in half")
                    if lang == "ru":
                        self.assertRegex(desc, "[\u0400-\u04ff]", "Russian text")
                    if lang == "vi":
                        self.assertRegex(desc, "[\u1ea0-\u1ef9\u0111\u01a1\u01b0]", "Vietnamese text")

    # ---- tree-less runs over TCP ----

    def expert_entries(self, out):
        """{(severity section, group, summary): count} of the SIP Explain rows of -z expert."""
        entries, section = {}, None
        for line in out.splitlines():
            m = re.match(r"^(Errors|Warns|Notes|Chats) \(\d+\)", line)
            if m:
                section = m.group(1)
            m = re.match(r"^\s+(\d+)\s+(\S+)\s+SIP Explain\s+(.*)$", line)
            if m:
                entries[(section, m.group(2), m.group(3))] = int(m.group(1))
        return entries

    def test_tcp_segments_without_tree_equal_tree(self):
        pcap = self.ws.add_file(TCP_SEGMENTS)
        for two in ([], ["-2"]):
            with self.subTest(two_pass=bool(two)):
                tree_out = self.ws.tshark(["-r", pcap, "-V", "-z", "expert"] + two).stdout
                responses = tree_out.count("SIP Response Explanation: ")
                self.assertGreaterEqual(responses, 10)
                tree = self.expert_entries(tree_out)
                bare = self.expert_entries(self.ws.tshark(["-r", pcap, "-q", "-z", "expert"] + two).stdout)
                self.assertEqual(bare, tree)
                self.assertEqual(sum(n for (s, g, _), n in tree.items() if g == "Response"), responses)
                stats_tree = self.ws.tshark(["-r", pcap, "-V", "-z", "sip_explain,tree"] + two).stdout
                stats_bare = self.ws.tshark(["-r", pcap, "-q", "-z", "sip_explain,tree"] + two).stdout
                table = lambda out: out[out.index("SIP Explain/Responses"):]
                self.assertEqual(table(stats_bare), table(stats_tree))
                self.assertRegex(stats_bare, r"SIP responses\s+%d\s" % responses)


if __name__ == "__main__":
    unittest.main()
