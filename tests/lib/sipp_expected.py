"""The expected.tsv of a recorded sipp set (tests/sipp/<set>/expected.tsv): where each scenario is in its capture."""
import csv


def read_expected(path):
    """scenario -> (call_id, [(code, frame)], (first frame, last frame)) of
    the scenario's first Call-ID (its flow)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["scenario"] in out:
                continue                # the first Call-ID of a scenario is its flow
            responses = [] if row["responses"] == "-" else [
                (c, int(n)) for c, n in (r.split(":") for r in row["responses"].split())]
            first, last = (int(x) for x in row["frames"].split("-"))
            out[row["scenario"]] = (row["call_id"], responses, (first, last))
    return out
