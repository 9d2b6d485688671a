"""Checks that a response is explained by the texts for the method of the
request it answers (the method in its CSeq), with the general texts for
every other method, in each language, in every field that shows a text."""
import unittest

import data_files
import sipx
import tshark_env

TEXT_FIELDS = ["sip_explain.summary", "sip_explain.description", "sip_explain.when", "sip_explain.fix"]

# (code, reason, CSeq method, the data key suffix of the texts expected:
# "@METHOD" for a method's own texts, "" for the general ones). Frames are
# numbered from 1 in this order.
CASES = [
    (488, "Not Acceptable Here", "REFER", "@REFER"),
    (488, "Not Acceptable Here", "INVITE", ""),
    (488, "Not Acceptable Here", "OPTIONS", "@OPTIONS"),
    (488, "Not Acceptable Here", "MESSAGE", ""),
    (202, "Accepted", "MESSAGE", "@MESSAGE"),
    (202, "Accepted", "REFER", "@REFER"),
    (202, "Accepted", "SUBSCRIBE", "@SUBSCRIBE"),
    (481, "Call/Transaction Does Not Exist", "CANCEL", "@CANCEL"),
    (481, "Call/Transaction Does Not Exist", "BYE", "@BYE"),
    (481, "Call/Transaction Does Not Exist", "UPDATE", ""),
    (200, "OK", "CANCEL", "@CANCEL"),
    (489, "Bad Event", "NOTIFY", "@NOTIFY"),
    (488, "Not Acceptable Here", "refer", ""),      # methods are case-sensitive
]


def first_sentence(text):
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]


class MethodTextsTest(sipx.WorkspaceTest):
    # in the fast tier, ctest -L fast (tests/lib/list_tests.py)
    CTEST_FAST = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = data_files.load_data("responses.ini")
        messages = [sipx.response(code, reason, method=method, cseq=i + 1)
                    for i, (code, reason, method, _) in enumerate(CASES)]
        cls.pcap = cls.ws.capture(messages)

    def expected(self, code, suffix, lang="en"):
        group = self.data[str(code)]
        tag = "" if lang == "en" else "[%s]" % lang

        def text(key):
            # A language the method's texts lack shows their English.
            return group.get(key + suffix + tag, group[key + suffix])
        reason = group["Reason"]
        klass = {"en": {2: "Success", 4: "Client Failure"}, "ru": {2: "Успех", 4: "Ошибка клиента"},
                 "vi": {2: "Thành công", 4: "Lỗi phía client"}}[lang][code // 100]
        desc = text("Description")
        return ["%d %s (%s): %s" % (code, reason, klass, first_sentence(desc)), desc, text("When"), text("Fix")]

    def test_each_method_gets_its_texts(self):
        rows = self.ws.fields(self.pcap, TEXT_FIELDS, "sip_explain")
        self.assertEqual(len(rows), len(CASES))
        for row, (code, _, method, suffix) in zip(rows, CASES):
            with self.subTest(code=code, method=method):
                self.assertEqual(row, self.expected(code, suffix))

    def test_texts_say_what_the_method_means(self):
        """The cases that prompted this, in words, not only by data key."""
        rows = self.ws.fields(self.pcap, ["sip_explain.description", "sip_explain.fix"], "sip_explain")
        refer_desc, refer_fix = rows[0]
        invite_desc, invite_fix = rows[1]
        self.assertIn("transfer", refer_desc)
        self.assertNotIn("session description", refer_desc)
        self.assertNotIn("SDP offer", refer_fix)
        self.assertIn("session description", invite_desc)
        self.assertIn("SDP offer", invite_fix)
        message_desc = rows[4][0]
        self.assertIn("RFC 3428 section 7", message_desc)
        self.assertNotIn("NOTIFY", message_desc)
        self.assertIn("NOTIFY", rows[5][0], "a 202 to REFER: the outcome follows in NOTIFY")
        self.assertNotEqual(rows[7][0], rows[8][0], "481 to CANCEL and to BYE differ")

    def test_languages(self):
        for lang in ("ru", "vi"):
            rows = self.ws.fields(self.pcap, TEXT_FIELDS, "sip_explain", ["-o", "sip_explain.language:%s" % lang])
            for row, (code, _, method, suffix) in zip(rows, CASES):
                with self.subTest(lang=lang, code=code, method=method):
                    self.assertEqual(row, self.expected(code, suffix, lang))
                    if suffix:
                        self.assertNotEqual(row[1], self.expected(code, "", lang)[1])

    def test_expert_info_carries_the_method_summary(self):
        rows = self.ws.fields(self.pcap, ["_ws.expert.message"], "sip_explain.code == 488")
        messages = [r[0].split("|")[0] for r in rows]
        for got, variant in zip(messages, ("@REFER", "")):
            want = self.expected(488, variant)[0]
            with self.subTest(variant=variant):
                # Expert messages longer than fits Wireshark's label are
                # cut at a word with an ellipsis (plugin/text_cut.c).
                if got.endswith("\u2026"):
                    self.assertTrue(want.startswith(got[:-1].rstrip()), got)
                    self.assertGreater(len(got), 100)
                else:
                    self.assertEqual(got, want)

    def test_one_field_alone(self):
        """With -e naming one text only, the method is still read for it."""
        for field, index in (("sip_explain.when", 2), ("sip_explain.summary", 0)):
            rows = self.ws.fields(self.pcap, [field])
            with self.subTest(field=field):
                self.assertEqual(rows[0], [self.expected(488, "@REFER")[index]])
                self.assertEqual(rows[1], [self.expected(488, "")[index]])

    def test_tree_output(self):
        out = self.ws.tshark(["-r", self.pcap, "-V", "-O", "sip_explain", "-Y", "frame.number == 1"]).stdout
        self.assertIn(self.expected(488, "@REFER")[0], out)
        self.assertIn("The party that received the REFER", out)

    def test_missing_or_bad_cseq_gets_general_texts(self):
        bad = [
            sipx.response(488, "Not Acceptable Here", omit=("CSeq",)),
            sipx.response(488, "Not Acceptable Here", extra="CSeq: REFER"),
            sipx.response(488, "Not Acceptable Here", extra="CSeq: 7"),
            sipx.response(488, "Not Acceptable Here", extra="CSeq: 99999999999 REFER"),
        ]
        for i in (1, 2, 3):
            bad[i] = bad[i].replace("CSeq: 1 INVITE\r\n", "")
        pcap = self.ws.capture(bad)
        rows = self.ws.fields(pcap, ["sip_explain.description"], "sip_explain")
        self.assertEqual(rows, [[self.data["488"]["Description"]]] * len(bad))

    def test_user_row_with_texts_covers_every_method(self):
        tshark_env.write_config(self.ws.home, "sip_explain_codes",
                                '"488","Not Acceptable Here","Our SBC refused it. Ask the NOC.","",""\n')
        try:
            rows = self.ws.fields(self.pcap, ["sip_explain.description", "sip_explain.when"],
                                  "sip_explain.code == 488")
        finally:
            tshark_env.write_config(self.ws.home, "sip_explain_codes", "")
        self.assertEqual(rows[0][0], "Our SBC refused it. Ask the NOC.")
        self.assertEqual(rows[1][0], "Our SBC refused it. Ask the NOC.")
        self.assertEqual(rows[0][1], self.data["488"]["When"], "the general built-in When, not REFER's")


if __name__ == "__main__":
    unittest.main()
