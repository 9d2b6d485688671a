"""Mutation testing: does the test suite notice a small deliberate bug?

Each mutation in mutations.py replaces one exact piece of a file (code,
data, the table compiler, the CLI, the parsers) by a wrong one. This tool
makes a clean copy of the committed tree (a detached git worktree), checks
that the suite passes there, then applies the mutations one at a time:
build and the README's test command (sh tests/run.sh). A mutation whose
build or tests fail is killed; one the suite stays green on survived.
Prints a Markdown report with the kill rate.

    python3 tests/mutate/mutate.py                 # every mutation (hours)
    python3 tests/mutate/mutate.py --only 3,7      # some of them
    python3 tests/mutate/mutate.py --list          # what they are

Not part of CI: every mutation rebuilds and runs the whole suite.
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from mutations import MUTATIONS  # noqa: E402


def run(cmd, cwd, log, timeout):
    """Runs cmd, appending its output to log; returns the exit code (124
    on time-out)."""
    with open(log, "ab") as out:
        try:
            return subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                  timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            return 124


def failed_tests(log):
    """Names of the ctest tests the log reports as failed."""
    names = []
    with open(log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    part = text.split("The following tests FAILED:")[-1] if "The following tests FAILED:" in text else ""
    for line in part.splitlines():
        m = re.match(r"\s*\d+ - (\S+) \(", line)
        if m:
            names.append(m.group(1))
    return names


def apply(tree, mutation):
    """Applies one mutation in tree; returns the original text of the file,
    or raises ValueError when the piece to replace is not found once."""
    path = os.path.join(tree, mutation.path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    count = text.count(mutation.old)
    if count != 1:
        raise ValueError("%s: the text to replace occurs %d times (must be once)" % (mutation.path, count))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(mutation.old, mutation.new))
    return text


def restore(tree, mutation, text):
    with open(os.path.join(tree, mutation.path), "w", encoding="utf-8") as f:
        f.write(text)


def select(only):
    if not only:
        return list(enumerate(MUTATIONS, 1))
    wanted = set()
    for part in only.split(","):
        if not part.strip().isdigit() or not 1 <= int(part) <= len(MUTATIONS):
            raise SystemExit("mutate.py: --only takes numbers 1-%d separated by commas, not %r"
                             % (len(MUTATIONS), part))
        wanted.add(int(part))
    return [(i, m) for i, m in enumerate(MUTATIONS, 1) if i in wanted]


def check_all_apply(tree):
    """Every mutation must find its text exactly once: a stale list would
    make survivors out of typos."""
    problems = []
    for i, m in enumerate(MUTATIONS, 1):
        try:
            restore(tree, m, apply(tree, m))
        except (ValueError, OSError) as e:
            problems.append("#%d %s" % (i, e))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", help="comma-separated mutation numbers")
    ap.add_argument("--list", action="store_true", help="list the mutations and exit")
    ap.add_argument("--check", action="store_true",
                    help="only check that every mutation applies to the committed tree")
    ap.add_argument("--out", help="also write the Markdown report here")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per test run (default 1800)")
    ap.add_argument("--keep", action="store_true", help="keep the work tree and logs")
    ap.add_argument("--lock", help="run ctest under this flock file (tests use fixed loopback ports)")
    ap.add_argument("--ctest-args", default="",
                    help="extra ctest arguments, e.g. \"-LE 'valgrind|gui'\" for a quicker pass")
    args = ap.parse_args()

    if args.list:
        for i, m in enumerate(MUTATIONS, 1):
            print("%2d  %-14s %-44s %s" % (i, m.area, m.path, m.what))
        return 0

    work = tempfile.mkdtemp(prefix="sip_explain_mutate_")
    tree = os.path.join(work, "tree")
    subprocess.run(["git", "-C", SOURCE_DIR, "worktree", "add", "--detach", tree, "HEAD"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        problems = check_all_apply(tree)
        if problems:
            print("mutate.py: mutations that do not apply to HEAD:\n  " + "\n  ".join(problems))
            return 2
        if args.check:
            print("all %d mutations apply to HEAD" % len(MUTATIONS))
            return 0
        env_cmd = ["env", "SIP_EXPLAIN_BUILD_DIR=build-mutate"]
        if args.lock:
            env_cmd.append("SIP_EXPLAIN_CTEST_LOCK=" + args.lock)
        env_cmd += ["sh", "tests/run.sh"] + shlex.split(args.ctest_args)
        log = os.path.join(work, "baseline.log")
        t0 = time.time()
        if run(env_cmd, tree, log, args.timeout) != 0:
            print("mutate.py: the suite fails without any mutation (%s); fix that first" % log)
            args.keep = True
            return 2
        print("baseline: suite passes (%.0f s)" % (time.time() - t0), flush=True)

        rows = []
        for i, m in select(args.only):
            log = os.path.join(work, "mutation_%02d.log" % i)
            original = apply(tree, m)
            t0 = time.time()
            try:
                rc = run(env_cmd, tree, log, args.timeout)
            finally:
                restore(tree, m, original)
            seconds = time.time() - t0
            killers = failed_tests(log) if rc else []
            if rc == 0:
                verdict = "equivalent" if m.equivalent else "SURVIVED"
            elif not killers:
                verdict = "killed (build)" if rc != 124 else "killed (time-out)"
            else:
                verdict = "killed"
            rows.append((i, m, verdict, killers, seconds))
            print("#%d %s: %s %s (%.0f s)" % (i, m.what, verdict, " ".join(killers[:4]), seconds), flush=True)

        killed = sum(1 for r in rows if r[2].startswith("killed"))
        equivalent = sum(1 for r in rows if r[2] == "equivalent")
        counted = len(rows) - equivalent
        lines = ["| # | area | file | mutation | result | caught by |", "|---|---|---|---|---|---|"]
        for i, m, verdict, killers, _ in rows:
            caught = ", ".join(killers[:3]) + (" …" if len(killers) > 3 else "")
            if verdict == "equivalent":
                caught = "equivalent: " + m.equivalent
            lines.append("| %d | %s | `%s` | %s | %s | %s |" % (i, m.area, m.path, m.what, verdict, caught))
        rate = 100.0 * killed / counted if counted else 0.0
        lines.append("")
        lines.append("Killed %d of %d (%.1f %%); %d equivalent, not counted." % (killed, counted, rate, equivalent))
        report = "\n".join(lines)
        print(report)
        if args.out:
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(report + "\n")
        return 0
    finally:
        if args.keep:
            print("work tree and logs kept in %s" % work)
        else:
            subprocess.run(["git", "-C", SOURCE_DIR, "worktree", "remove", "--force", tree],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
