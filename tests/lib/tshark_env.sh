# Runs tshark (or any command that loads Wireshark plugins) as nobody when root: the shell tests' copy of tshark_env.py.
#
# Wireshark ignores personal plugins and WIRESHARK_PLUGIN_DIR when it runs
# as root, so as root the command runs as nobody (setpriv), and everything it
# reads must be world-readable.
#
#   . "$(dirname "$0")/../lib/tshark_env.sh"
#   tshark_env_make WORK [PLUGIN.so...]
#       WORK/home (writable by nobody) and WORK/plugins/<major.minor>/epan/
#       holding the plugins (SIP_EXPLAIN_WS_VERSION, default 4.0); makes all
#       of WORK world-readable. Sets TSHARK_ENV_HOME and TSHARK_ENV_PLUGINS
#       (change the latter to use another plugin folder).
#   tshark_env_run COMMAND [ARG...]
#       COMMAND with HOME=$TSHARK_ENV_HOME and
#       WIRESHARK_PLUGIN_DIR=$TSHARK_ENV_PLUGINS, as nobody when root.
#   tshark_env_as_nobody COMMAND [ARG...]
#       COMMAND as nobody when root (as is otherwise), environment unchanged:
#       for tshark with the system plugin folder only.
#   tshark_env_version
#       Prints the version of the tshark on PATH ("4.4.9"); its major.minor
#       names the plugin folder.

tshark_env_make() {
  _te_work=$1
  shift
  _te_epan=$_te_work/plugins/${SIP_EXPLAIN_WS_VERSION:-4.0}/epan
  mkdir -p "$_te_work/home" "$_te_epan"
  for _te_plugin in "$@"; do
    cp "$_te_plugin" "$_te_epan/"
  done
  chmod -R a+rX "$_te_work"
  chmod 777 "$_te_work/home"
  TSHARK_ENV_HOME=$_te_work/home
  TSHARK_ENV_PLUGINS=$_te_work/plugins
}

tshark_env_run() {
  tshark_env_as_nobody env HOME="$TSHARK_ENV_HOME" WIRESHARK_PLUGIN_DIR="$TSHARK_ENV_PLUGINS" "$@"
}

tshark_env_as_nobody() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
  else
    "$@"
  fi
}

# First line: "TShark (Wireshark) 4.4.9 (Git v4.4.9 packaged as 4.4.9-1)".
tshark_env_version() {
  tshark --version 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9][0-9.]*[0-9]\).*/\1/p'
}
