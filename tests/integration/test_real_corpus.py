"""The plugin on other people's traffic: every capture of tests/real (named in its MANIFEST.tsv).

For each capture, in every output mode people use:
- tshark exits 0 with the plugin (-V, -2 -V, -T fields, -z expert, -z sip_explain,tree);
- every response the SIP dissector decodes is explained once: as many
  sip_explain.code as sip.Status-Code with a tree, and as many "SIP
  responses" in the stats tree without one, in one pass and with -2;
- what taps report is the same whether a tree is built or not;
- -V output is UTF-8, and -T json and -T pdml parse (json, xml.etree) in
  English, Russian and Vietnamese, where Wireshark 4.0 used to cut long
  texts in the middle of a character.
tests/golden/tcp_segments.pcap (messages split over and packed into TCP
segments) gets the same tree / no tree comparison.

tshark runs two at a time per core; a failure names the capture and mode.
"""
import collections
import concurrent.futures
import json
import os
import re
import unittest
import xml.etree.ElementTree as ET

import data_files
import tshark_env
from tap_outputs import stats_rows, tap_results

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = os.path.join(TESTS, "real")
TCP_SEGMENTS = os.path.join(TESTS, "golden", "tcp_segments.pcap")
LANGUAGES = ("en", "ru", "vi")
TAPS = ["-z", "expert", "-z", "sip_explain,tree"]
# Responses decoded and explained (with a tree), and what the taps say
# with and without a tree, in one pass and in two.
COUNT_MODES = {
    "fields": ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|",
               "-e", "sip.Status-Code", "-e", "sip_explain.code"],
    "verbose+taps": ["-V"] + TAPS,
    "2pass verbose+taps": ["-2", "-V"] + TAPS,
    "taps": ["-q"] + TAPS,
    "2pass taps": ["-2", "-q"] + TAPS,
}

def stats_problems(rows):
    """What is wrong with the stats tree's shape: parents count what their
    children count, classes run 1xx to 6xx, codes by number within their
    class, severities from the worst."""
    problems = []
    children = collections.defaultdict(list)
    stack = []
    for depth, name, count in rows:
        del stack[depth:]
        children[tuple(n for n, _ in stack)].append((name, count))
        stack.append((name, count))
    top = children[()]
    if [n for n, _ in top] not in (["SIP responses"], ["SIP responses", "By outcome"]):
        return ["top rows %s" % top]
    total = top[0][1]
    # The decided flows by outcome: as many as the outcomes counted, each a
    # keyword of the vocabulary.
    outcomes = children[("By outcome",)]
    if len(top) > 1 and sum(c for _, c in outcomes) != top[1][1]:
        problems.append("By outcome counts %d, its rows %s" % (top[1][1], outcomes))
    problems += ["outcome row %r is no keyword" % n for n, _ in outcomes if not re.fullmatch(r"[a-z]+(-[a-z]+)*", n)]
    parts = children[("SIP responses",)]
    if [n for n, _ in parts] != ["By class and code", "By severity"]:
        return ["rows under SIP responses: %s" % parts]
    classes = children[("SIP responses", "By class and code")]
    severities = children[("SIP responses", "By severity")]
    names = [n for n, _ in classes if not n.startswith("Malformed")]
    if [n[:3] for n in names] != ["%dxx" % i for i in range(1, 7)]:
        problems.append("classes %s" % names)
    if [n for n, _ in severities] != ["1. Error", "2. Warning", "3. Note", "4. Chat"]:
        problems.append("severities %s" % severities)
    for name, count in parts + [("classes", sum(c for _, c in classes)), ("severities", sum(c for _, c in severities))]:
        if count != total:
            problems.append("%s counts %d of %d responses" % (name, count, total))
    for name, count in classes:
        codes = children[("SIP responses", "By class and code", name)]
        numbers = [c[:3] for c, _ in codes]
        if sum(n for _, n in codes) != count and not name.startswith("Malformed"):
            problems.append("%s counts %d, its codes %d" % (name, count, sum(n for _, n in codes)))
        if numbers != sorted(numbers) or any(n[0] != name[0] for n in numbers):
            problems.append("codes of %s: %s" % (name, numbers))
    return problems


def count_fields(out):
    """Occurrences of the two -e fields over all rows of -T fields output."""
    a = b = 0
    for line in out.splitlines():
        cols = line.split("\t")
        a += len(cols[0].split("|")) if cols[0] else 0
        b += len(cols[1].split("|")) if len(cols) > 1 and cols[1] else 0
    return a, b


class RealCorpusTest(unittest.TestCase):
    # one ctest entry per method (tests/lib/list_tests.py): they run in parallel
    CTEST_PER_METHOD = True

    @classmethod
    def setUpClass(cls):
        cls.ws = tshark_env.Workspace("sip_explain_corpus_")
        cls.names = data_files.real_capture_names()
        cls.pool = concurrent.futures.ThreadPoolExecutor(max_workers=2 * (os.cpu_count() or 1))
        cls.captures = {}
        for name in cls.names:
            src = os.path.join(REAL, "captures", name)
            if os.path.exists(src):
                cls.captures[name] = cls.ws.add_file(src)

    @classmethod
    def tearDownClass(cls):
        cls.pool.shutdown()
        cls.ws.close()

    def run_all(self, modes, captures=None):
        """{(capture, mode): stdout} for every capture and mode
        ({mode: tshark args after -r FILE}); fails naming each run that
        did not exit 0."""
        captures = captures or self.captures
        jobs = {(name, mode): self.pool.submit(self.ws.tshark, ["-r", path] + args, check=False, text=False)
                for name, path in captures.items() for mode, args in modes.items()}
        failed, out = [], {}
        for key, job in jobs.items():
            proc = job.result()
            if proc.returncode != 0:
                failed.append("%s %s: exit %d: %s" % (key[0], key[1], proc.returncode,
                                                      proc.stderr.decode(errors="replace")[-300:]))
            out[key] = proc.stdout
        self.assertEqual(failed, [])
        return out

    def test_manifest_and_files_agree(self):
        on_disk = sorted(os.listdir(os.path.join(REAL, "captures")))
        self.assertEqual(sorted(self.names), on_disk)
        self.assertGreater(len(self.names), 40)

    def test_every_flow_gets_a_verdict(self):
        """Every Call-ID of the corpus is a row of -z sip_explain,calls with
        an outcome of the vocabulary, in one pass and two; and the flow's
        last decisive response in two passes says what its row says."""
        modes = {"table": ["-q", "-z", "sip_explain,calls"],
                 "2pass table": ["-2", "-q", "-z", "sip_explain,calls"],
                 "ids": ["-Y", "sip.Call-ID", "-T", "fields", "-e", "sip.Call-ID"],
                 "2pass outcomes": ["-2", "-Y", "sip_explain.outcome", "-T", "fields", "-E", "occurrence=l",
                                    "-e", "sip.Call-ID", "-e", "sip_explain.outcome"]}
        out = self.run_all(modes)
        problems, flows, decided = [], 0, 0
        for name in self.captures:
            ids = {line.split(",")[0] for line in out[(name, "ids")].decode(errors="replace").splitlines() if line}
            last = {}
            for line in out[(name, "2pass outcomes")].decode(errors="replace").splitlines():
                cid, _, outcome = line.partition("\t")
                last[cid] = outcome
            for mode in ("table", "2pass table"):
                rows = {}
                for line in out[(name, mode)].decode(errors="replace").splitlines():
                    cols = [c.strip() for c in line.split("|")]
                    if len(cols) >= 12 and cols[0].isdigit():
                        rows[cols[2][:80]] = cols[10]
                missing = {i[:80] for i in ids} - set(rows)
                if missing:
                    problems.append("%s %s: no row for %s" % (name, mode, sorted(missing)[:3]))
                problems += ["%s %s: %s has no outcome keyword (%r)" % (name, mode, cid, o)
                             for cid, o in rows.items() if not re.fullmatch(r"[a-z]+(-[a-z]+)*", o)]
                if mode == "2pass table":
                    flows += len(rows)
                    decided += len(last)
                    problems += ["%s: %s decided %s, its row says %s" % (name, cid, o, rows.get(cid[:80]))
                                 for cid, o in last.items() if rows.get(cid[:80]) != o]
        self.assertEqual(problems, [])
        self.assertGreater(flows, 100)
        print("%d flows, %d decided by a response in two passes" % (flows, decided))

    def test_every_response_explained_in_every_mode(self):
        out = self.run_all(COUNT_MODES)
        problems = []
        total = 0
        for name in self.captures:
            sip, explained = count_fields(out[(name, "fields")].decode())
            total += sip
            if sip == 0 or explained != sip:
                problems.append("%s: %d sip.Status-Code, %d sip_explain.code" % (name, sip, explained))
            try:
                out[(name, "verbose+taps")].decode("utf-8")
            except UnicodeDecodeError as e:
                problems.append("%s -V: not UTF-8: %s" % (name, e))
            for passes in ("", "2pass "):
                tree = tap_results(out[(name, passes + "verbose+taps")].decode(errors="replace"))
                no_tree = tap_results(out[(name, passes + "taps")].decode(errors="replace"))
                if no_tree[0] != sip or tree[0] != sip:
                    problems.append("%s %s: stats tree counts %s responses without a tree, %s with one, "
                                    "%d decoded" % (name, passes or "1pass", no_tree[0], tree[0], sip))
                problems += ["%s %s stats tree: %s" % (name, passes or "1pass", p)
                             for p in stats_problems(stats_rows(out[(name, passes + "taps")]))]
                problems += ["%s %s: reason phrase info at %s: %s" % (name, passes or "1pass", sev, msg)
                             for (sev, group, msg) in no_tree[1]
                             if msg.startswith(("Reason phrase ", "Empty reason phrase")) and sev != "Chats"]
                if tree[1] != no_tree[1]:
                    problems.append("%s %s: expert info differs without a tree: %s" %
                                    (name, passes or "1pass", (tree[1] - no_tree[1]) + (no_tree[1] - tree[1])))
        self.assertEqual(problems, [])
        self.assertGreater(total, 400)

    def test_json_and_pdml_parse_in_every_language(self):
        modes = {}
        for lang in LANGUAGES:
            opts = ["-o", "sip_explain.language:" + lang, "-Y", "sip_explain"]
            modes["json " + lang] = opts + ["-T", "json"]
            modes["pdml " + lang] = opts + ["-T", "pdml"]
        out = self.run_all(modes)
        problems = []
        for (name, mode), data in sorted(out.items()):
            try:
                if mode.startswith("json"):
                    frames = json.loads(data.decode("utf-8"))
                    explained = sum(1 for f in frames for k in f["_source"]["layers"] if k == "sip_explain")
                else:
                    root = ET.fromstring(data)
                    explained = len(root.findall("./packet/proto[@name='sip_explain']"))
            except (ValueError, ET.ParseError) as e:
                problems.append("%s %s: %s" % (name, mode, e))
                continue
            if explained == 0:
                problems.append("%s %s: no sip_explain in the output" % (name, mode))
        self.assertEqual(problems, [])

    def test_reason_found_is_the_phrase_of_the_status_line(self):
        """zeek__wireshark.pcap: SER and Cirpack phrases such as "nonce has
        changed" or "Wrong password" for 401 and 403."""
        name = "zeek__wireshark.pcap"
        out = self.run_all({"fields": ["-Y", "sip_explain", "-T", "fields", "-e", "sip.Status-Line",
                                       "-e", "sip_explain.reason", "-e", "sip_explain.reason_found"]},
                           {name: self.captures[name]})[(name, "fields")].decode()
        found = 0
        for line in out.splitlines():
            status, registered, reason_found = line.split("\t")
            phrase = status.split(" ", 2)[2] if status.count(" ") >= 2 else ""
            if phrase.lower() == registered.lower():
                self.assertEqual(reason_found, "", line)
            else:
                self.assertEqual(reason_found, phrase, line)
                found += 1
        self.assertGreaterEqual(found, 10)

    def test_tcp_segments_same_with_and_without_tree(self):
        cap = {"tcp_segments.pcap": self.ws.add_file(TCP_SEGMENTS)}
        out = self.run_all(COUNT_MODES, cap)
        name = "tcp_segments.pcap"
        sip, explained = count_fields(out[(name, "fields")].decode())
        self.assertGreater(sip, 10)
        self.assertEqual(explained, sip)
        for passes in ("", "2pass "):
            count, experts = tap_results(out[(name, passes + "taps")].decode())
            tree_count, tree_experts = tap_results(out[(name, passes + "verbose+taps")].decode())
            self.assertEqual((count, tree_count), (sip, sip), passes or "1pass")
            # Every response raises its code's expert info (chat and up).
            responses = sum(n for (sev, group, msg), n in experts.items()
                            if group == "Response" and re.match(r"\d{3} ", msg))
            self.assertEqual(responses, sip, passes or "1pass")
            self.assertEqual(experts, tree_experts, passes or "1pass")


if __name__ == "__main__":
    unittest.main()
