"""tests/one.sh's work: one Python test run with its suite's ctest environment.

    python3 tests/lib/one_test.py BUILD_DIR MODULE[.Class[.method]]

ctest knows, for every registered test, its folder and environment
(tests/CMakeLists.txt). This asks ctest for them (--show-only=json-v1),
picks an entry that runs the same module through run_unittest.py, and runs
the one target given with that folder and environment.
"""
import json
import os
import subprocess
import sys


def find_entry(build, module):
    out = subprocess.run(["ctest", "--show-only=json-v1"], cwd=build, capture_output=True, text=True,
                         check=True).stdout
    for test in json.loads(out).get("tests", []):
        cmd = test.get("command") or []
        if len(cmd) >= 3 and cmd[1].endswith("run_unittest.py") and cmd[2].split(".")[0] == module:
            props = {p["name"]: p["value"] for p in test.get("properties", [])}
            return cmd[:2], props.get("WORKING_DIRECTORY", build), props.get("ENVIRONMENT", [])
    return None


def main(argv):
    if len(argv) != 3:
        print("usage: one_test.py BUILD_DIR MODULE[.Class[.method]]", file=sys.stderr)
        return 2
    build, target = argv[1], argv[2]
    module = target.split(".")[0]
    found = find_entry(build, module)
    if not found:
        print("tests/one.sh: no ctest suite runs the module %r (the Python suites are test_*.py under tests/)"
              % module, file=sys.stderr)
        return 2
    runner, cwd, env_list = found
    env = dict(os.environ)
    for item in env_list:
        key, _, value = item.partition("=")
        env[key] = value
    print("tests/one.sh: %s (in %s)" % (target, os.path.relpath(cwd)), flush=True)
    return subprocess.run(runner + [target], cwd=cwd, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
