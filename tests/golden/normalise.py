# SPDX-License-Identifier: GPL-2.0-or-later
"""What Wireshark itself prints differently from version to version, taken out of the golden outputs.

golden.py passes both tshark's output and the committed file through these
functions before comparing them, so that one set of expected outputs holds
for every Wireshark version the project supports (4.0, 4.4, 4.6). Each
function removes one known difference of Wireshark's own making and nothing
else; whatever the plugin prints is compared byte for byte:

- fields(): -T fields prints a boolean as 1/0 on 4.0 and as True/False
  from 4.4 on (boolean_to_repr(), epan/ftypes/ftype-integer.c). Only the
  columns of boolean fields are touched; they are written True/False.
- frame_lines(): -V on 4.6 names the record type in each frame's first
  line, "Frame 1: Packet, 660 bytes on wire ...", where 4.0 and 4.4 print
  "Frame 1: 660 bytes on wire ...". Written without "Packet, ".
- expert(): -z expert lists every dissector's expert items, and other
  dissectors change theirs between versions (4.6's TCP adds "This packet's
  length exceeds MSS ..."). Only the rows of the plugin's own protocol are
  kept. Wireshark's count in each severity's heading ("Notes (15)") is the
  sum of that section's frequencies: it is checked against the rows it was
  printed with, then recomputed from the rows kept, so our counts are still
  compared. A severity with no row left is left out, as Wireshark leaves
  out one without items.

Every function is idempotent: the committed files are already in this form
(tests/golden/test_normalise.py checks both).
"""
import re

# How each Wireshark version writes a boolean in -T fields, and the one
# form the golden files use.
BOOLEAN_TEXT = {b"1": b"True", b"0": b"False", b"True": b"True", b"False": b"False"}

FRAME_RECORD_TYPE = re.compile(rb"^(Frame [0-9]+: )Packet, ", re.MULTILINE)

# -z expert (ui/cli/tap-expert.c): "\n%s (%u)\n=============\n", the column
# titles, then "%12u %10s %18s  %s" per row (frequency, group, protocol,
# summary) up to an empty line. A group is one word; a protocol's short
# name may hold single spaces ("SIP Explain") and ends at the two spaces.
EXPERT_HEADING = re.compile(rb"^([A-Za-z]+) \(([0-9]+)\)$")
EXPERT_RULE = b"============="
EXPERT_ROW = re.compile(rb"^ *([0-9]+) +[^ ]+ +(.*?)  ")
OWN_PROTOCOL = b"SIP Explain"   # proto_register_protocol() in plugin/packet-sip-explain.c


def fields(data, boolean_columns, aggregator=b"|"):
    """-T fields output (tab-separated, several occurrences joined with
    aggregator) with the values of the given column numbers (0-based)
    written True/False. Other values stay as they are."""
    lines = data.split(b"\n")
    for n, line in enumerate(lines):
        columns = line.split(b"\t")
        for i in boolean_columns:
            if i < len(columns):
                columns[i] = aggregator.join(BOOLEAN_TEXT.get(v, v) for v in columns[i].split(aggregator))
        lines[n] = b"\t".join(columns)
    return b"\n".join(lines)


def frame_lines(data):
    """-V output with each frame's first line as 4.0 and 4.4 print it."""
    return FRAME_RECORD_TYPE.sub(rb"\1", data)


def expert(data, protocols=(OWN_PROTOCOL,)):
    """-z expert output with only the rows of the given protocols, each
    heading counting the rows kept. ValueError when a section does not read
    as -z expert prints one (a row that does not parse, a heading whose count
    is not the sum of its rows): a guess could hide a change."""
    lines = data.split(b"\n")
    out = []
    i = 0
    while i < len(lines):
        heading = EXPERT_HEADING.match(lines[i])
        if not heading or i + 2 >= len(lines) or lines[i + 1] != EXPERT_RULE:
            out.append(lines[i])
            i += 1
            continue
        end = i + 3
        while end < len(lines) and lines[end]:
            end += 1
        kept = []
        total = kept_total = 0
        for row in lines[i + 3:end]:
            m = EXPERT_ROW.match(row)
            if not m:
                raise ValueError("-z expert: row not understood under %r: %r" % (lines[i], row))
            total += int(m.group(1))
            if m.group(2) in protocols:
                kept.append(row)
                kept_total += int(m.group(1))
        if total != int(heading.group(2)):
            raise ValueError("-z expert: heading %r, but its rows count %d" % (lines[i], total))
        if kept:
            out.append(b"%s (%d)" % (heading.group(1), kept_total))
            out.extend(lines[i + 1:i + 3])
            out.extend(kept)
        elif out and out[-1] == b"":
            out.pop()   # the empty line that opened the section left out
        i = end
    return b"\n".join(out)
