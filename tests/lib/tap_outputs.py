"""What tshark's taps print at the end of a run, read back: the plugin's
rows of -z expert and the rows of -z sip_explain,tree.
"""
import collections
import re

# tshark -z expert: a severity heading, then "count group protocol message" rows.
EXPERT_HEADING = re.compile(r"^(Errors|Warns|Notes|Chats|Comments) \(\d+\)$")
EXPERT_ROW = re.compile(r"^\s+(\d+)\s+(\S+)\s+SIP Explain  (.*)$")
STATS_RESPONSES = re.compile(r"^SIP responses\s+(\d+)\s", re.M)


def expert_rows(out):
    """Counter of the plugin's -z expert rows by (severity, group, message)."""
    experts = collections.Counter()
    severity = None
    for line in out.splitlines():
        heading = EXPERT_HEADING.match(line)
        if heading:
            severity = heading.group(1)
            continue
        row = EXPERT_ROW.match(line) if severity else None
        if row:
            experts[(severity, row.group(2), row.group(3))] += int(row.group(1))
    return experts


def tap_results(out):
    """(the stats tree's response count or None, expert_rows(out)) from the
    end of tshark's output."""
    counts = STATS_RESPONSES.findall(out)
    return (int(counts[-1]) if counts else None), expert_rows(out)


def stats_rows(out):
    """The rows of -z sip_explain,tree (out: bytes) as (depth, name,
    count): the name column is as many bytes wide as the header's
    "Topic / Item" field (stats_tree pads by bytes, not characters)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(b"Topic / Item"))
    column = lines[start].index(b"Count")
    rows = []
    for line in lines[start + 2:]:
        if not line.strip() or line.startswith(b"---"):
            break
        name = line[:column].decode().rstrip()
        rows.append((len(name) - len(name.lstrip(" ")), name.strip(), int(line[column:].split()[0])))
    return rows


def outcome_counts(out):
    """(By outcome of -z sip_explain,tree, the Outcome column of -z
    sip_explain,calls), each a Counter of outcome keyword -> flows, from
    one run with both (out: bytes). Rows of 0 (an outcome a flow only passed
    through, in one pass) are left out."""
    tree, in_outcomes = collections.Counter(), False
    for depth, name, count in stats_rows(out):
        if depth == 0:
            in_outcomes = name == "By outcome"
        elif in_outcomes and count:
            tree[name] = count
    table, header = collections.Counter(), None
    for line in out.decode().splitlines():
        cols = [c.strip() for c in line.split("|")]
        if cols[0] == "Frame":
            header = cols
        elif header and len(cols) >= len(header) - 1 and cols[0].isdigit():
            outcome = cols[header.index("Outcome")]
            if outcome:
                table[outcome] += 1
    return tree, table
