"""Runs tshark (or Wireshark) with the freshly built plugin: the one way every test suite does it.

Wireshark ignores personal plugins and WIRESHARK_PLUGIN_DIR when it runs as
root, so when the tests run as root tshark is started as nobody (setpriv),
with the plugin and every file it reads in a world-readable temporary folder.

Environment (set by ctest): SIP_EXPLAIN_PLUGIN, the built sip_explain.so;
SIP_EXPLAIN_WS_VERSION, Wireshark's major.minor (the plugin folder's name).
Suites import this module from tests/lib, which ctest puts on PYTHONPATH
(run a script by hand with PYTHONPATH=tests/lib).
"""
import os
import shutil
import subprocess
import tempfile

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLUGIN = os.environ.get("SIP_EXPLAIN_PLUGIN", "")
WS_VERSION = os.environ.get("SIP_EXPLAIN_WS_VERSION", "4.0")
NOBODY = 65534

# How tshark -T fields prints a boolean: 1/0 in Wireshark 4.0, True/False
# later (4.4 and 4.6: boolean_to_repr() in epan/ftypes/ftype-integer.c gives
# True/False for FTREPR_DISPLAY, which -T fields uses; -T json keeps 1/0).
if tuple(int(x) for x in WS_VERSION.split(".")[:2]) > (4, 0):
    FIELD_TRUE, FIELD_FALSE = "True", "False"
else:
    FIELD_TRUE, FIELD_FALSE = "1", "0"


def make_world_readable(folder, writable=("home",), private=()):
    """Folders 755 (those named in writable 777, in private 700), files 644."""
    for root, dirs, files in os.walk(folder):
        for d in dirs:
            mode = 0o777 if d in writable else 0o700 if d in private else 0o755
            os.chmod(os.path.join(root, d), mode)
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


def write_config(home, name, text):
    """Writes Wireshark's personal configuration file name in
    home/.config/wireshark/, world-readable, its folders writable by
    whoever runs tshark. Returns its path."""
    conf = os.path.join(home, ".config", "wireshark")
    os.makedirs(conf, exist_ok=True)
    for d in (home, os.path.dirname(conf), conf):
        os.chmod(d, 0o777)
    path = os.path.join(conf, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o644)
    return path


def as_nobody(cmd):
    """cmd, run as nobody when we are root (Wireshark loads no personal
    plugins as root)."""
    if os.geteuid() == 0:
        return ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"] + list(cmd)
    return list(cmd)


def clean_env(home, plugin_dir, env_extra=None):
    """Our environment without the caller's Wireshark settings (WIRESHARK_*)
    and preloads, with HOME, LC_ALL=C.UTF-8 and WIRESHARK_PLUGIN_DIR set;
    env_extra last."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRESHARK_") and k != "LD_PRELOAD"}
    env["HOME"] = home
    env["LC_ALL"] = "C.UTF-8"
    env["WIRESHARK_PLUGIN_DIR"] = plugin_dir
    if env_extra:
        env.update(env_extra)
    return env


class Workspace:
    """A world-readable folder holding the plugin and the files tshark reads."""

    def __init__(self, prefix="sip_explain_test_", plugins=None, keep=False):
        plugins = plugins if plugins is not None else [PLUGIN]
        if not plugins or not all(p and os.path.exists(p) for p in plugins):
            raise RuntimeError("SIP_EXPLAIN_PLUGIN must name the built sip_explain.so (got %r)" % plugins)
        self.dir, self.plugin_dir, self.home = plugin_folder(prefix, plugins)
        self.keep = keep

    def close(self):
        if not self.keep:
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
        """tshark's environment. plugin: True for our plugin folder, False
        for an empty one, or the path of another plugin folder."""
        if plugin is True:
            plugin_dir = self.plugin_dir
        elif plugin is False:
            plugin_dir = self.path("no-plugins")
        else:
            plugin_dir = plugin
        return clean_env(self.home, plugin_dir, env_extra)

    def command(self, args, wrap=()):
        """tshark with args, as nobody when we are root; wrap (e.g. valgrind
        and its options) goes right before tshark."""
        return as_nobody(list(wrap) + ["tshark"] + list(args))

    def tshark(self, args, check=True, plugin=True, env_extra=None, timeout=600, text=True):
        """Runs tshark with the plugin; returns the CompletedProcess with
        stdout/stderr as text (as bytes with text=False)."""
        proc = subprocess.run(self.command(args), env=self.env(plugin, env_extra),
                              capture_output=True, text=text, cwd=self.dir, timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError("tshark %s failed (%d): %s" % (" ".join(args), proc.returncode, proc.stderr))
        return proc
