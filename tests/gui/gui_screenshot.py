"""GUI test: Wireshark (Qt) with the plugin, under Xvfb, driven by xdotool; takes the README's screenshots.

1. Opens a capture with a 489 response selected, focuses the packet details,
   selects the last top-level item (the "SIP Response Explanation" tree) and
   expands it with View > Expand Subtrees (Shift+Right). Takes a screenshot
   before and after, and checks that the picture has the window's size, is not
   blank, differs from the one before expanding, and (when tesseract is
   installed) that OCR reads the Description, When and Fix items.
2. Opens the same capture with "-z expert" (the Expert Information dialog),
   turns "Group by summary" off so each response's own text shows, widens the
   Summary column, expands the severity groups and takes a second screenshot.
3. Opens it with "-z sip_explain,calls" (Statistics > SIP Explain > Calls and
   registrations) and checks that OCR reads the outcomes of its four flows.

Run inside an X server (ctest runs it under xvfb-run). Needs wireshark (the Qt
binary), xdotool, ImageMagick (import, convert), text2pcap, mergecap; tesseract
is optional. When run as root, Wireshark runs as nobody (root ignores
WIRESHARK_PLUGIN_DIR), with everything it reads in a world-readable folder
(tests/lib/tshark_env.py; ctest puts tests/lib on PYTHONPATH).

  PYTHONPATH=tests/lib python3 tests/gui/gui_screenshot.py --plugin build/plugin/sip_explain.so \\
      --source-dir . --out-dir /tmp/shots [--save-to tests/gui/screenshots] [--keep]

Every wait is bounded; Wireshark is killed at the end whatever happens.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import captures
import tshark_env

WINDOW_W, WINDOW_H = 1400, 920        # main window, set through "recent_common"
UPPER_PANE = 270                       # packet list height, set through "recent"
DIALOG_W, DIALOG_H = 1500, 380         # Expert Information dialog after resizing
FRAME_489 = 6                          # the frame the first screenshot selects
T0 = time.monotonic()
OUT_DIR = "."


def log(msg):
    print("[%5.1fs] %s" % (time.monotonic() - T0, msg), flush=True)


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)
    log("ok: " + msg)


# ---------------------------------------------------------------- the capture

def sip_messages():
    """(src, dst, text) of a small, plausible exchange: a phone registers
    (401, then 200), subscribes to voicemail indication the PBX does not offer
    (489), calls a busy user (100, 180, 486) and hits an overloaded trunk (503)."""
    phone, pbx = "192.0.2.10", "198.51.100.5"

    def req(method, uri, cseq, call_id, branch, extra=()):
        lines = ["%s %s SIP/2.0" % (method, uri),
                 "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=%s" % branch,
                 "Max-Forwards: 70",
                 "From: \"Alice\" <sip:alice@example.com>;tag=9fxced76sl",
                 "To: <%s>" % (uri if method != "REGISTER" else "sip:alice@example.com"),
                 "Call-ID: %s" % call_id,
                 "CSeq: %d %s" % (cseq, method),
                 "Contact: <sip:alice@192.0.2.10:5060>",
                 "User-Agent: DemoPhone/1.0"] + list(extra) + ["Content-Length: 0"]
        return (phone, pbx, "\r\n".join(lines) + "\r\n\r\n")

    def resp(code, reason, method, uri, cseq, call_id, branch, extra=()):
        lines = ["SIP/2.0 %d %s" % (code, reason),
                 "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=%s;received=192.0.2.10" % branch,
                 "From: \"Alice\" <sip:alice@example.com>;tag=9fxced76sl",
                 "To: <%s>%s" % (uri if method != "REGISTER" else "sip:alice@example.com",
                                 "" if code == 100 else ";tag=8321234356"),
                 "Call-ID: %s" % call_id,
                 "CSeq: %d %s" % (cseq, method),
                 "Server: DemoPBX/2.3"] + list(extra) + ["Content-Length: 0"]
        return (pbx, phone, "\r\n".join(lines) + "\r\n\r\n")

    reg = "reg-843817637684230@192.0.2.10"
    sub = "sub-998sdasdh09@192.0.2.10"
    inv = "inv-a84b4c76e66710@192.0.2.10"
    inv2 = "inv-f81d4fae7dec11d0@192.0.2.10"
    aor, bob, carol = "sip:example.com", "sip:bob@example.com", "sip:+15551230000@example.com"
    return [
        req("REGISTER", aor, 1, reg, "z9hG4bK-reg1", ["Expires: 3600"]),
        resp(401, "Unauthorized", "REGISTER", aor, 1, reg, "z9hG4bK-reg1",
             ['WWW-Authenticate: Digest realm="example.com", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", algorithm=MD5, qop="auth"']),
        req("REGISTER", aor, 2, reg, "z9hG4bK-reg2",
            ['Authorization: Digest username="alice", realm="example.com", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", uri="sip:example.com", response="dfe56131d1958046689d83306477ecc", algorithm=MD5, qop=auth, nc=00000001, cnonce="0a4f113b"',
             "Expires: 3600"]),
        resp(200, "OK", "REGISTER", aor, 2, reg, "z9hG4bK-reg2", ["Expires: 3600"]),
        req("SUBSCRIBE", "sip:alice@example.com", 1, sub, "z9hG4bK-sub1",
            ["Event: message-summary", "Accept: application/simple-message-summary", "Expires: 3600"]),
        resp(489, "Bad Event", "SUBSCRIBE", "sip:alice@example.com", 1, sub, "z9hG4bK-sub1",
             ["Allow-Events: presence, dialog"]),
        req("INVITE", bob, 1, inv, "z9hG4bK-inv1"),
        resp(100, "Trying", "INVITE", bob, 1, inv, "z9hG4bK-inv1"),
        resp(180, "Ringing", "INVITE", bob, 1, inv, "z9hG4bK-inv1"),
        resp(486, "Busy Here", "INVITE", bob, 1, inv, "z9hG4bK-inv1"),
        req("INVITE", carol, 1, inv2, "z9hG4bK-inv2"),
        resp(503, "Service Unavailable", "INVITE", carol, 1, inv2, "z9hG4bK-inv2",
             ["Retry-After: 120"]),
    ]


def make_capture(workdir, out):
    """One text2pcap run per direction (each message with its own time), the
    two merged in time order."""
    by_direction = {}
    for i, (src, dst, text) in enumerate(sip_messages()):
        payloads, stamps = by_direction.setdefault((src, dst), ([], []))
        payloads.append(text)
        stamps.append("10:00:%02d.%06d" % (1 + i // 4, 120000 + 61000 * i))
    parts = []
    for n, ((src, dst), (payloads, stamps)) in enumerate(sorted(by_direction.items())):
        parts.append(captures.text2pcap(os.path.join(workdir, "direction%d.pcap" % n), payloads,
                                        stamps=stamps, time_format="%H:%M:%S.%f", ipv4=(src, dst),
                                        program=TOOLS["text2pcap"], timeout=30))
    captures.mergecap(out, parts, program=TOOLS["mergecap"], timeout=30)


# ------------------------------------------------------------- the workspace

def make_workspace(plugin, ws_version):
    ws, _, home = tshark_env.plugin_folder("sip_explain_gui_", [plugin], ws_version)
    # Main window size and place (no window manager under Xvfb: Qt uses them as is).
    tshark_env.write_config(home, "recent_common",
                            "gui.geometry_main_x: 0\ngui.geometry_main_y: 0\n"
                            "gui.geometry_main_width: %d\ngui.geometry_main_height: %d\n"
                            "gui.geometry_main_maximized: FALSE\n"
                            "privs.warn_if_elevated: FALSE\nsys.warn_if_no_capture: FALSE\n"
                            % (WINDOW_W, WINDOW_H))
    # Packet list above, details below, no bytes pane.
    tshark_env.write_config(home, "recent",
                            "gui.byte_view_show: FALSE\ngui.packet_diagram_show: FALSE\n"
                            "gui.geometry_main_upper_pane: %d\ngui.geometry_main_lower_pane: %d\n"
                            "gui.time_format: RELATIVE\n" % (UPPER_PANE, WINDOW_H - UPPER_PANE))
    tshark_env.write_config(home, "preferences",
                            "gui.layout_type: 1\n"
                            "gui.layout_content_1: PLIST\ngui.layout_content_2: PDETAILS\n"
                            "gui.layout_content_3: NONE\n"
                            "gui.qt.font_name: DejaVu Sans Mono,10,-1,5,50,0,0,0,0,0\n")
    runtime = os.path.join(ws, "runtime")
    os.makedirs(runtime, mode=0o700)
    # The X server's cookie, readable by Wireshark's user.
    xauth = os.environ.get("XAUTHORITY")
    if xauth and os.path.exists(xauth):
        shutil.copy(xauth, os.path.join(ws, "Xauthority"))
    tshark_env.make_world_readable(ws, writable=(), private=("runtime",))
    if os.geteuid() == 0:
        for root, dirs, files in os.walk(home):
            for name in dirs + files:
                os.chown(os.path.join(root, name), tshark_env.NOBODY, tshark_env.NOBODY)
        os.chown(home, tshark_env.NOBODY, tshark_env.NOBODY)
        os.chown(runtime, tshark_env.NOBODY, tshark_env.NOBODY)
    return ws


class Wireshark:
    """One Wireshark process (as nobody when we are root), killed on exit."""

    def __init__(self, ws, args):
        env = tshark_env.clean_env(os.path.join(ws, "home"), os.path.join(ws, "plugins"), {
            "LANG": "C.UTF-8", "XDG_RUNTIME_DIR": os.path.join(ws, "runtime"),
            "QT_SCALE_FACTOR": "1", "QT_AUTO_SCREEN_SCALE_FACTOR": "0", "NO_AT_BRIDGE": "1"})
        if os.path.exists(os.path.join(ws, "Xauthority")):
            env["XAUTHORITY"] = os.path.join(ws, "Xauthority")
        cmd = tshark_env.as_nobody([TOOLS["wireshark"]] + args)
        self.log = open(os.path.join(ws, "wireshark-%d.log" % int(time.monotonic() * 1000)), "w+")
        log("start: " + " ".join(cmd))
        self.proc = subprocess.Popen(cmd, env=env, cwd=ws, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-3000:]

    def alive(self):
        return self.proc.poll() is None

    def quit(self, main_window=None):
        """Ctrl+Q in the main window, then SIGTERM, then SIGKILL; each bounded."""
        if self.alive() and main_window:
            try:
                xdo("windowfocus", "--sync", main_window, timeout=5)
                xdo("key", "ctrl+q", timeout=5)
                self.proc.wait(timeout=8)
            except (subprocess.SubprocessError, Failure):
                pass
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            if not self.alive():
                break
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                pass
        self.log.close()


# ------------------------------------------------------------ X and pictures

def xdo(*args, timeout=10):
    proc = subprocess.run([TOOLS["xdotool"]] + [str(a) for a in args], capture_output=True,
                          text=True, timeout=timeout)
    if proc.returncode != 0:
        raise Failure("xdotool %s failed: %s" % (" ".join(map(str, args)), proc.stderr.strip()))
    return proc.stdout


def find_window(name, wireshark, timeout):
    """The id of the largest visible window whose title contains name."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not wireshark.alive():
            raise Failure("Wireshark exited (%s) before showing %r:\n%s"
                          % (wireshark.proc.returncode, name, wireshark.output()))
        proc = subprocess.run([TOOLS["xdotool"], "search", "--onlyvisible", "--name", name],
                              capture_output=True, text=True, timeout=5)
        best = None
        for wid in proc.stdout.split():
            geo = xdo("getwindowgeometry", "--shell", wid)
            vals = dict(line.split("=", 1) for line in geo.split() if "=" in line)
            area = int(vals.get("WIDTH", 0)) * int(vals.get("HEIGHT", 0))
            if area > 10000 and (best is None or area > best[0]):
                best = (area, wid)
        if best:
            return best[1]
        time.sleep(0.3)
    raise Failure("no window named %r within %ds:\n%s" % (name, timeout, wireshark.output()))


class Picture:
    def __init__(self, width, height, rgb):
        self.width, self.height, self.rgb = width, height, rgb

    def row(self, y):
        return self.rgb[y * self.width * 3:(y + 1) * self.width * 3]

    def rows_differing(self, other):
        if (self.width, self.height) != (other.width, other.height):
            return max(self.height, other.height)
        return sum(1 for y in range(self.height) if self.row(y) != other.row(y))

    def stats(self):
        """(standard deviation of grey levels, number of distinct colours) on a sample."""
        step = 3 * 7
        greys = [(self.rgb[i] * 30 + self.rgb[i + 1] * 59 + self.rgb[i + 2] * 11) // 100
                 for i in range(0, len(self.rgb) - 2, step)]
        mean = sum(greys) / len(greys)
        var = sum((g - mean) ** 2 for g in greys) / len(greys)
        colours = len({self.rgb[i:i + 3] for i in range(0, len(self.rgb) - 2, step)})
        return var ** 0.5, colours


def grab(wid):
    """The window's pixels, through ImageMagick's import (binary PPM)."""
    proc = subprocess.run([TOOLS["import"], "-silent", "-window", str(wid), "-depth", "8", "ppm:-"],
                          capture_output=True, timeout=20)
    if proc.returncode != 0 or not proc.stdout.startswith(b"P6"):
        raise Failure("import -window %s failed: %s" % (wid, proc.stderr.decode(errors="replace")))
    data = proc.stdout
    # Header: P6 <ws> width <ws> height <ws> maxval <one ws> pixels
    fields, pos = [], 2
    while len(fields) < 3:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(int(data[start:pos]))
    width, height, maxval = fields
    if maxval != 255:
        raise Failure("unexpected PPM depth %d" % maxval)
    return Picture(width, height, data[pos + 1:pos + 1 + width * height * 3])


def wait_stable(wid, what, ready=None, timeout=25, tolerance=24, settle=3):
    """Grabs every 0.4 s until the picture is ready (ready(pic) is true: the
    content we wait for is there) and settle pictures in a row differ from the
    one before in at most tolerance rows (a blinking text cursor)."""
    deadline = time.monotonic() + timeout
    last, calm = None, 0
    while time.monotonic() < deadline:
        try:
            pic = grab(wid)
        except Failure:
            pic = None
        if (pic and last and pic.rows_differing(last) <= tolerance and pic.stats()[0] > 10
                and (ready is None or ready(pic))):
            calm += 1
            if calm >= settle:
                log("%s drawn (%dx%d)" % (what, pic.width, pic.height))
                return pic
        else:
            calm = 0
        last = pic
        time.sleep(0.4)
    if last:
        save_png(last, os.path.join(OUT_DIR, "timeout.png"), colours=0)
    raise Failure("%s was not drawn within %ds (last picture: timeout.png)" % (what, timeout))


def coloured_rows(pic, colour, top=0, bottom=None, share=0.5):
    """Rows in top..bottom where more than share of the pixels are of the
    colour (a predicate on r, g, b): a highlighted item of a tree."""
    bottom = pic.height if bottom is None else bottom
    found = []
    for y in range(top, bottom):
        row = pic.row(y)
        hits = sum(1 for i in range(0, len(row), 30) if colour(row[i], row[i + 1], row[i + 2]))
        if hits > share * (len(row) // 30):
            found.append(y)
    return found


def warning_yellow(r, g, b):
    """The background Wireshark gives items with Warning expert info."""
    return r > 200 and g > 200 and b < 150


def save_png(pic, path, colours=256):
    """A PNG of the picture, reduced to 256 colours (a third of the size; text
    stays sharp) unless colours is 0."""
    header = b"P6\n%d %d\n255\n" % (pic.width, pic.height)
    reduce = ["-dither", "None", "-colors", str(colours)] if colours else []
    subprocess.run([TOOLS["convert"], "ppm:-"] + reduce + ["-strip", "png:" + path],
                   input=header + pic.rgb, check=True, timeout=30)
    log("saved %s (%d bytes)" % (path, os.path.getsize(path)))


def ocr(pic, path, top=0, bottom=None):
    """Text tesseract reads in rows top..bottom of the picture ("" when OCR
    is off). A tesseract that fails or reads nothing is a failure, not an
    empty text: an unread picture must not pass for a checked one."""
    if not TOOLS.get("tesseract"):
        return ""
    bottom = pic.height if bottom is None else bottom
    crop = Picture(pic.width, bottom - top, pic.rgb[top * pic.width * 3:bottom * pic.width * 3])
    save_png(crop, path, colours=0)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    proc = subprocess.run([TOOLS["tesseract"], path, "-", "--psm", "6"], capture_output=True,
                          text=True, timeout=60, env=env)
    text = " ".join(proc.stdout.split())
    with open(path + ".txt", "w") as f:
        f.write(proc.stdout)
    check(proc.returncode == 0, "tesseract on %s exits %d: %s" % (path, proc.returncode, proc.stderr[-500:]))
    check(len(text) > 40, "tesseract read %d characters from %s: %r" % (len(text), path, text))
    return text


def check_picture(pic, width, height, what):
    check((pic.width, pic.height) == (width, height),
          "%s is %dx%d (expected %dx%d)" % (what, pic.width, pic.height, width, height))
    dev, colours = pic.stats()
    check(dev > 20 and colours > 8,
          "%s is not blank (grey-level deviation %.1f, %d colours in the sample)" % (what, dev, colours))


# -------------------------------------------------------------------- the test

def test_explanation(ws, capture, out_dir):
    wireshark = Wireshark(ws, ["-r", capture, "-g", str(FRAME_489)])
    main = None
    try:
        main = find_window("demo_sip", wireshark, timeout=30)
        xdo("windowmove", main, 0, 0)
        # Ready: the selected 489's details are shown, its Explanation item on
        # the yellow of Warning expert info.
        before = wait_stable(main, "main window", ready=lambda p: coloured_rows(
            p, warning_yellow, top=UPPER_PANE, bottom=p.height - 30))
        check_picture(before, WINDOW_W, WINDOW_H, "screenshot before expanding")
        save_png(before, os.path.join(out_dir, "explanation_before.png"))

        # Focus the packet details: a click in its empty lower part (the packet
        # list is UPPER_PANE high, the six top-level items take ~110 px).
        xdo("windowfocus", "--sync", main)
        xdo("mousemove", "--window", main, WINDOW_W // 2, WINDOW_H - 110)
        xdo("click", "1")
        time.sleep(0.3)
        # With no current item the first key only makes the first item current;
        # End then selects the last top-level item, "SIP Response Explanation",
        # and Shift+Right is View > Expand Subtrees.
        xdo("key", "--delay", "150", "Home", "End", "shift+Right")
        time.sleep(0.5)
        after = wait_stable(main, "expanded tree", ready=lambda p: p.rows_differing(before) > 150)
        check_picture(after, WINDOW_W, WINDOW_H, "explanation screenshot")
        changed = after.rows_differing(before)
        check(changed > 150, "expanding changed %d pixel rows of %d" % (changed, after.height))
        save_png(after, os.path.join(out_dir, "explanation.png"))

        text = ocr(after, os.path.join(out_dir, "explanation_ocr.png"), top=UPPER_PANE)
        if text:
            # (The selected row, white on blue, is beyond tesseract; the
            # status bar names the selected item's protocol instead.)
            # The Description's second sentence: the first is also in the
            # Summary line, so it cannot tell the Description item apart.
            for needle in ("SIP Response Explanation (sip_explain)",
                           "Description", "should list the packages it does support",
                           "When you see it", "How to fix it", "Enable the package on the server",
                           "Defined in: RFC 6665"):
                check(needle.lower() in text.lower(), "OCR of the details pane reads %r" % needle)
        else:
            log("OCR off: no OCR check of the details pane")
    finally:
        wireshark.quit(main)
    return after


def open_dialog(ws, capture, z_arg, title, width, height):
    """Wireshark opened on the capture with -z z_arg, and the id of its
    dialog titled title, sized width x height at the screen's corner."""
    wireshark = Wireshark(ws, ["-r", capture, "-z", z_arg])
    try:
        dialog = find_window(title, wireshark, timeout=30)
        xdo("windowsize", dialog, width, height)
        xdo("windowmove", dialog, 0, 0)
    except Exception:
        wireshark.quit()
        raise
    return wireshark, dialog


def test_expert(ws, capture, out_dir):
    wireshark, dialog = open_dialog(ws, capture, "expert", "Expert Information", DIALOG_W, DIALOG_H)
    try:
        # Ready: the list is filled (the dialog shows before the file is read)
        # and its first row is the yellow Warning group.
        grouped = wait_stable(dialog, "Expert Information dialog", timeout=30,
                              ready=lambda p: coloured_rows(p, warning_yellow, top=33, bottom=50,
                                                            share=0.6))
        save_png(grouped, os.path.join(out_dir, "expert_info_grouped.png"))

        xdo("windowfocus", "--sync", dialog)
        # "Group by summary" (bottom left) off: each response's own text shows.
        xdo("mousemove", "--window", dialog, 208, DIALOG_H - 55)
        xdo("click", "1")
        time.sleep(0.5)
        # Widen the Summary column by dragging its right edge.
        xdo("mousemove", "--window", dialog, 541, 22)
        xdo("mousedown", "1")
        xdo("mousemove", "--window", dialog, 800, 22)
        xdo("mousemove", "--window", dialog, 1150, 22)
        xdo("mouseup", "1")
        time.sleep(0.3)
        # Expand every severity group, from the last one up (at most five
        # severities), then select the first response of the first group.
        xdo("mousemove", "--window", dialog, 300, 41)
        xdo("click", "1")
        xdo("key", "--delay", "80", "End", *(["Right", "Up"] * 5), "Down")
        # Park the pointer where it highlights nothing.
        xdo("mousemove", "--window", dialog, DIALOG_W - 20, DIALOG_H - 110)
        time.sleep(0.5)
        pic = wait_stable(dialog, "expanded Expert Information",
                          ready=lambda p: p.rows_differing(grouped) > 40)
        check_picture(pic, DIALOG_W, DIALOG_H, "Expert Information screenshot")
        changed = pic.rows_differing(grouped)
        check(changed > 40, "ungrouping and expanding changed %d pixel rows" % changed)
        # Grouped by severity: the Warning (yellow) and Note (cyan) headings.
        check(coloured_rows(pic, warning_yellow, top=33, share=0.6),
              "the dialog shows a Warning group (a yellow heading row)")
        check(coloured_rows(pic, lambda r, g, b: r < 200 and g > 220 and b > 220, top=33, share=0.6),
              "the dialog shows a Note group (a cyan heading row)")
        save_png(pic, os.path.join(out_dir, "expert_info.png"))

        text = ocr(pic, os.path.join(out_dir, "expert_info_ocr.png"), bottom=DIALOG_H - 100)
        if text:
            # (Rows on a dark or saturated background, such as the selected
            # 489 and the Note and Chat headings, are beyond tesseract.)
            for needle in ("Server failure: a server on the path answered 503",
                           "486 Busy Here (Client Failure)", "200 OK (Success)", "SIP Explain"):
                check(needle.lower() in text.lower(), "OCR of the dialog reads %r" % needle)
        else:
            log("OCR off: no OCR check of the dialog")
    finally:
        wireshark.quit()
    return pic


CALLS_W, CALLS_H = 1500, 330          # the table of flows after resizing


def test_calls(ws, capture, out_dir):
    """Statistics > SIP Explain > Calls and registrations (wireshark -z
    sip_explain,calls opens it): one row per flow with its outcome."""
    wireshark, dialog = open_dialog(ws, capture, "sip_explain,calls", "Calls and registrations",
                                    CALLS_W, CALLS_H)
    try:
        # Ready: the rows are filled in (the dialog may show before the file
        # is read): some row below the header has the text's dark pixels.
        pic = wait_stable(dialog, "Calls and registrations dialog", timeout=30,
                          ready=lambda p: coloured_rows(p, lambda r, g, b: r < 90 and g < 90 and b < 90,
                                                        top=34, bottom=60, share=0.02))
        check_picture(pic, CALLS_W, CALLS_H, "Calls and registrations screenshot")
        save_png(pic, os.path.join(out_dir, "calls_table.png"))
        text = ocr(pic, os.path.join(out_dir, "calls_table_ocr.png"), bottom=CALLS_H - 60)
        if text:
            # Letters and digits only: tesseract drops a hyphen now and then.
            flat = re.sub(r"[^a-z0-9]", "", text.lower())
            for needle in ("registered", "busy", "server-failure", "Outcome", "Method"):
                check(re.sub(r"[^a-z0-9]", "", needle.lower()) in flat, "OCR of the table reads %r" % needle)
        else:
            log("OCR off: no OCR check of the table")
    finally:
        wireshark.quit()
    return pic


TOOLS = {}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--out-dir", required=True, help="where the screenshots go")
    ap.add_argument("--save-to", help="also copy explanation.png and expert_info.png here")
    ap.add_argument("--ws-version", default="4.0")
    ap.add_argument("--keep", action="store_true", help="keep the temporary workspace")
    ap.add_argument("--no-ocr", action="store_true", help="skip the OCR checks (by hand only)")
    ap.add_argument("--no-tesseract", action="store_true",
                    help="tesseract is not installed: check the screenshots, then exit 77 (skipped)")
    for tool in ("wireshark", "xdotool", "import", "convert", "text2pcap", "mergecap", "tesseract"):
        ap.add_argument("--" + tool, default=shutil.which(tool))
    args = ap.parse_args()
    for tool in ("wireshark", "xdotool", "import", "convert", "text2pcap", "mergecap", "tesseract"):
        TOOLS[tool] = getattr(args, tool)
    if args.no_ocr or args.no_tesseract:
        TOOLS["tesseract"] = None
    elif not TOOLS["tesseract"]:
        print("tesseract not found: pass --tesseract PATH, or --no-tesseract to report the OCR part skipped")
        return 2
    missing = [t for t in ("wireshark", "xdotool", "import", "convert", "text2pcap", "mergecap")
               if not TOOLS[t]]
    if missing:
        print("missing tools: %s" % ", ".join(missing))
        return 2
    if not os.environ.get("DISPLAY"):
        print("no DISPLAY: run under xvfb-run")
        return 2
    if not os.path.exists(args.plugin):
        print("no plugin at %s" % args.plugin)
        return 2

    os.makedirs(args.out_dir, exist_ok=True)
    global OUT_DIR
    OUT_DIR = args.out_dir
    ws = make_workspace(args.plugin, args.ws_version)
    log("workspace %s, display %s" % (ws, os.environ["DISPLAY"]))
    capture = os.path.join(ws, "demo_sip.pcap")
    try:
        make_capture(ws, capture)
        test_explanation(ws, capture, args.out_dir)
        test_expert(ws, capture, args.out_dir)
        test_calls(ws, capture, args.out_dir)
        if args.save_to:
            os.makedirs(args.save_to, exist_ok=True)
            for name in ("explanation.png", "expert_info.png", "calls_table.png"):
                shutil.copy(os.path.join(args.out_dir, name), os.path.join(args.save_to, name))
                log("copied %s to %s" % (name, args.save_to))
        if args.no_tesseract:
            # The OCR part did not run: report skipped (ctest SKIP_RETURN_CODE
            # 77), or fail where every tool must be installed (CI).
            log("screenshots PASS; OCR skipped: missing tool tesseract (apt-get install tesseract-ocr)")
            no_skip = os.environ.get("SIP_EXPLAIN_NO_SKIP", "") not in ("", "0")
            return 1 if no_skip else 77
        log("PASS")
        return 0
    except (Failure, subprocess.SubprocessError) as e:
        log("FAIL: %s" % e)
        return 1
    finally:
        if args.keep:
            log("kept %s" % ws)
        else:
            shutil.rmtree(ws, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
