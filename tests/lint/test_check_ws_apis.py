"""check_ws_apis.py finds what it must and nothing else (a tree made here)."""
import os
import subprocess
import sys
import tempfile
import unittest

CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_ws_apis.py")


class CheckWsApisTest(unittest.TestCase):
    def run_on(self, files):
        with tempfile.TemporaryDirectory() as root:
            for rel, text in files.items():
                path = os.path.join(root, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write(text)
            proc = subprocess.run([sys.executable, CHECK, root], capture_output=True, text=True)
        return proc.returncode, proc.stdout

    def test_forbidden_calls_found_with_their_line(self):
        rc, out = self.run_on({
            "plugin/a.c": "void f(void)\n{\n    g_error(\"x\");\n    char b[4]; g_snprintf(b, 4, \"%d\", 1);\n}\n",
            "cli/main.c": "int main(void) { char *p = strdup(\"x\"); exit(0); }\n",
        })
        self.assertEqual(rc, 1)
        self.assertIn("plugin/a.c:3: g_error()", out)
        self.assertIn("plugin/a.c:4: g_snprintf()", out)
        self.assertIn("cli/main.c:1: strdup()", out)
        # A program of its own may exit; the plugin may not.
        self.assertNotIn("exit()", out)

    def test_comments_strings_members_and_longer_names_pass(self):
        rc, out = self.run_on({
            "plugin/b.c": "/* g_error(x) would abort */\n"
                          "static const char *s = \"printf(\";\n"
                          "void g(struct t *t) { t->free(t); wmem_free(NULL, t); my_abort(); }\n",
        })
        self.assertEqual(rc, 0, out)
        self.assertIn("1 files, 0 forbidden calls", out)

    def test_compiler_may_print_plugin_may_not(self):
        rc, out = self.run_on({
            "table/compiler/x.c": "void f(void) { printf(\"ok\"); exit(1); }\n",
            "table/lookup.c": "void f(void) { printf(\"no\"); }\n",
        })
        self.assertEqual(rc, 1)
        self.assertEqual(out.count("not allowed"), 1, out)
        self.assertIn("table/lookup.c:1: printf()", out)

    def test_empty_tree_is_an_error(self):
        rc, _ = self.run_on({"README": "no C here\n"})
        self.assertEqual(rc, 2)


if __name__ == "__main__":
    unittest.main()
