"""Lists the ctest entries of a folder of Python unittest suites (read by tests/CMakeLists.txt).

    python3 tests/lib/list_tests.py FOLDER

prints one line per entry, "NAME|TARGET|LABELS": NAME the ctest name's
tail (file.Class or file.Class.method), TARGET what run_unittest.py runs
(module.Class or module.Class.method), LABELS extra ctest labels joined
by commas. A test class chooses with two class attributes:

    CTEST_PER_METHOD = True   one ctest entry per test method, so the
                              methods run in parallel and a failure names
                              its method (for classes whose setUpClass is
                              cheap and whose methods are slow)
    CTEST_FAST = True         in the fast tier (ctest -L fast)

The files are read with ast, not imported: listing runs no test code.
"""
import ast
import os
import sys


def class_flag(node, name):
    for stmt in node.body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == name
                and isinstance(stmt.value, ast.Constant)):
            return bool(stmt.value.value)
    return False


def entries(folder):
    for name in sorted(os.listdir(folder)):
        if not (name.startswith("test_") and name.endswith(".py")):
            continue
        module = name[:-3]
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            tree = ast.parse(f.read(), name)
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            methods = [s.name for s in node.body
                       if isinstance(s, ast.FunctionDef) and s.name.startswith("test")]
            if not methods:
                continue
            labels = "fast" if class_flag(node, "CTEST_FAST") else ""
            target = "%s.%s" % (module, node.name)
            if class_flag(node, "CTEST_PER_METHOD"):
                for m in methods:
                    yield "%s.%s" % (target, m), "%s.%s" % (target, m), labels
            else:
                yield target, target, labels


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print("usage: list_tests.py FOLDER", file=sys.stderr)
        return 2
    for name, target, labels in entries(argv[1]):
        print("%s|%s|%s" % (name, target, labels))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
