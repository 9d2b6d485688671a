"""Reads the project's data the tests check against: data/*.ini and tests/iana_response_codes.csv.

The INI files are GLib key files; configparser reads them the same way
here (keys keep their case, "=" only, "#" comments, duplicates refused).
"""
import configparser
import csv
import os

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IANA_CSV = os.path.join(SOURCE_DIR, "tests", "iana_response_codes.csv")
REAL_DIR = os.path.join(SOURCE_DIR, "tests", "real")


def data_file(name):
    """The path of data/<name>."""
    return os.path.join(SOURCE_DIR, "data", name)


def read_keyfile(path):
    """A key file as configparser sees it (keys keep their case)."""
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",),
                                       comment_prefixes=("#",), strict=True)
    parser.optionxform = str
    with open(path, encoding="utf-8") as f:
        parser.read_file(f)
    return parser


def load_data(name):
    """data/<name> read by read_keyfile."""
    return read_keyfile(data_file(name))


def real_capture_names():
    """The captures of other projects in tests/real/captures, as
    tests/real/MANIFEST.tsv names them (its first column), in its order."""
    with open(os.path.join(REAL_DIR, "MANIFEST.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return [r[0] for r in rows[1:]]


def iana_rows():
    """The registry as the tests know it: [code, reason, rfc] rows of strings,
    in file order."""
    with open(IANA_CSV, encoding="utf-8") as f:
        return [row for row in csv.reader(line for line in f if not line.startswith("#"))
                if row[0] != "code"]


def iana_codes():
    """The registry as {code: (reason, rfc)}, numbers as int."""
    return {int(code): (reason, int(rfc)) for code, reason, rfc in iana_rows()}
