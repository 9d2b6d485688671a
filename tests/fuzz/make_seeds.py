"""Regenerates the seed corpora in tests/fuzz/corpus/<harness>/ from the torture fixtures, call flows and data file heads.

The committed corpora came from this script:

    python3 tests/fuzz/make_seeds.py

The broken data files of tests/tablegen/broken/ are not copied: the fuzz
run reads them as a second seed folder of fuzz_tablegen (CMakeLists.txt).
"""
import os
import sys

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "lib"))  # tests/lib when run by hand (ctest sets PYTHONPATH)
from sip_samples import flow_messages, torture_messages  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

C = os.path.join(HERE, "corpus")


def put(h, name, data):
    d = os.path.join(C, h)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def head_groups(path, n):
    out, groups = [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("["):
                groups += 1
                if groups > n:
                    break
            out.append(line)
    return "".join(out).encode()


def main():
    msgs = dict(torture_messages())
    for n in ["3.1.1.1_wsinv", "3.1.1.2_intmeth", "3.1.1.8_dblreq", "3.1.1.12_unreason", "3.1.1.13_noreason",
              "3.1.2.5_scalarlg", "3.1.2.19_bigcode", "3.3.9_mcl01", "3.3.10_bcast", "3.1.2.10_trws", "3.1.2.3_ncl"]:
        put("fuzz_sip_text", n, msgs[n][:2048])
    flows = flow_messages()
    for i, m in enumerate(flows[:8]):
        put("fuzz_sip_text", "flow%d" % i, m)
    put("fuzz_sip_locate", "three_responses", b"\xff" + b"".join(flows[1:4]))
    put("fuzz_sip_locate", "request_then_response", b"\x05" + flows[0] + b"\r\n" + flows[3])
    put("fuzz_sip_locate", "garbage_then_status",
        b"\xff" + b"xx\x00yy SIP/2.0\r\nSIP/2.0 503 X\r\nl: 3\r\n\r\nabcSIP/2.0 200 OK\r\n\r\n")
    put("fuzz_sip_locate", "dblreq", b"\x02" + msgs["3.1.1.8_dblreq"])
    put("fuzz_sip_locate", "no_length", b"\xff" + b"SIP/2.0 486 Busy\r\nCSeq: 1 INVITE\r\n\r\nbody")
    sep = b"\x1f"
    rows = {"good": [b"486", b"Busy Here", b"The callee is busy", b"On a call", b"Call later"],
            "spaces": [b" 699 ", b"Custom", b"", b"", b""],
            "bad_code": [b"48x", b"Busy"], "four_digits": [b"4860", b"Busy"],
            "empty_reason": [b"486", b"  \t"], "only_code": [b"600"],
            "long_text": [b"500", b"Err", b"d" * 4100, b"w", b"f"],
            "cause_good": [b"ms-diagnostics", b" 52001 ", b"Custom id", b"What it means"],
            "cause_bad_kind": [b"asterisk", b"16", b"x"], "cause_huge": [b"twilio", b"123456789", b"x"]}
    for name, cols in rows.items():
        put("fuzz_uat_row", name, sep.join(cols))
    values = {
        "retry_after": b"120 (I'm in a meeting);duration=3600",
        "warning": b'307 isi.edu "Session parameter \'foo\' not understood", 399 h "x"',
        "reason": b'Q.850;cause=16;text="Terminated", SIP;cause=480',
        "event": b"presence;id=12", "allow": b"INVITE, ACK, BYE,CANCEL , OPTIONS",
        "contact": b'"Bob, B" <sip:bob@example.org;lr>;q=0.7;expires=3600, <sip:b2@x>;q=1.0, *',
        "challenge": b'Digest realm="atlanta.com", nonce="84a4cc6f3082121f32b42a2187831a9e", '
                     b'qop="auth,auth-int", algorithm=SHA-256, stale=TRUE',
        "authorization": b'Digest username="bob", realm="biloxi.com", nonce="dcd98b", '
                         b'uri="sip:bob@biloxi.com", response="245f23"',
        "big_delta": b"949302838503028349304023988", "negative": b"-5",
        "quotes": b'"a\\"b", (c,d), <e,f>;x="y;z"',
        "ms_diagnostics": b'1033.2;reason="Previous hop server did not report";source="edge.contoso.com";Domain="x"',
        "ms_diagnostics_bad": b'abc.;reason="unterminated;source=',
        "twilio": b"32011 Error communicating with target SIP endpoint",
        "teams_reason": b'Q.850;cause=18;text="0a1b2c3d-4e5f-4789-abcd-ef0123456789;No callee endpoints were found."',
        "stir_ppi": b'STIR;cause=436;text="Bad Identity Info";ppi="..c2ln-_"',
        "huge_id": b"99999999999999999999;reason=x"}
    for name, v in values.items():
        put("fuzz_sip_values", name, v)
    data = os.path.join(HERE, "..", "..", "data")
    for f in ("responses.ini", "warn_codes.ini", "q850_causes.ini", "labels.ini", "freeswitch_causes.ini",
              "ms_diagnostics.ini", "twilio_errors.ini"):
        p = os.path.join(data, f)
        if os.path.exists(p):
            put("fuzz_tablegen", f, head_groups(p, 3)[:4096])


if __name__ == "__main__":
    main()
