"""Runs tshark with the freshly built plugin, as every test suite needs it.

Wireshark ignores personal plugins and WIRESHARK_PLUGIN_DIR when it runs as
root, so when the tests run as root tshark is started as nobody, with the
plugin and every file it reads in a world-readable temporary folder.

Environment (set by ctest): SIP_EXPLAIN_PLUGIN, the built sip_explain.so;
SIP_EXPLAIN_WS_VERSION, Wireshark's major.minor (the plugin folder's name).
"""
import os
import shutil
import subprocess
import tempfile

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLUGIN = os.environ.get("SIP_EXPLAIN_PLUGIN", "")
WS_VERSION = os.environ.get("SIP_EXPLAIN_WS_VERSION", "4.0")
NOBODY = 65534


def make_world_readable(folder, writable=("home",)):
    """Folders 755 (those named in writable 777), files 644."""
    for root, dirs, files in os.walk(folder):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o777 if d in writable else 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)


def plugin_folder(prefix, plugins, ws_version=WS_VERSION):
    """A new world-readable temp folder with plugins/<ws_version>/epan/
    holding the given plugin files, and a writable home/ for tshark (which
    runs as nobody when we are root). Returns (folder, plugin dir, home)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    os.chmod(folder, 0o755)
    plugin_dir = os.path.join(folder, "plugins")
    epan = os.path.join(plugin_dir, ws_version, "epan")
    os.makedirs(epan)
    for p in plugins:
        if not p or not os.path.exists(p):
            raise RuntimeError("plugin not found: %r" % p)
        shutil.copy(p, os.path.join(epan, os.path.basename(p)))
    home = os.path.join(folder, "home")
    os.makedirs(home)
    make_world_readable(folder)
    return folder, plugin_dir, home


def as_nobody(cmd):
    """cmd, run as nobody when we are root (Wireshark loads no personal
    plugins as root)."""
    if os.geteuid() == 0:
        return ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"] + list(cmd)
    return list(cmd)


class Workspace:
    """A world-readable folder holding the plugin and the files tshark reads."""

    def __init__(self, prefix="sip_explain_test_", plugins=None):
        plugins = plugins if plugins is not None else [PLUGIN]
        if not plugins or not all(p and os.path.exists(p) for p in plugins):
            raise RuntimeError("SIP_EXPLAIN_PLUGIN must name the built sip_explain.so (got %r)" % plugins)
        self.dir, self.plugin_dir, self.home = plugin_folder(prefix, plugins)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def add_file(self, src):
        """A world-readable copy of src in the workspace; returns its path."""
        dst = self.path(os.path.basename(src))
        shutil.copy(src, dst)
        os.chmod(dst, 0o644)
        return dst

    def env(self, plugin=True, env_extra=None):
        env = dict(os.environ)
        env["HOME"] = self.home
        env["LC_ALL"] = "C.UTF-8"
        env.pop("WIRESHARK_PLUGIN_DIR", None)
        env["WIRESHARK_PLUGIN_DIR"] = self.plugin_dir if plugin else os.path.join(self.dir, "no-plugins")
        if env_extra:
            env.update(env_extra)
        return env

    def tshark(self, args, check=True, plugin=True, env_extra=None, timeout=600, text=True):
        """Runs tshark with the plugin; returns the CompletedProcess with
        stdout/stderr as text (as bytes with text=False)."""
        proc = subprocess.run(as_nobody(["tshark"] + list(args)), env=self.env(plugin, env_extra),
                              capture_output=True, text=text, cwd=self.dir, timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError("tshark %s failed (%d): %s" % (" ".join(args), proc.returncode, proc.stderr))
        return proc
