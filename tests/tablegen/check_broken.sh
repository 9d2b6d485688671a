#!/bin/sh
# Checks that the table compiler refuses one broken data file with the expected message.
# Usage: sh tests/tablegen/check_broken.sh TABLEGEN FILE   (ctest label tablegen)
# Runs the table compiler on a broken data file and checks that it refuses
# it with the "FILE:LINE: message" named on the file's "# expect:" line, and
# writes no table. Run from the source tree, with FILE relative to it.
# "# kind:" is responses, warnings, q850, freeswitch, ms-diagnostics,
# twilio, labels, glossary-ru or glossary-vi; "# glossary-ru: PATH" and "# glossary-vi: PATH" lines add a
# glossary to check FILE against; "# with-labels: PATH" reads that label
# file first (an id may be in one label file only).
set -u
tablegen=$1
file=$2
kind=$(sed -n 's/^# kind: //p' "$file" | head -n 1)
expect=$(sed -n 's/^# expect: //p' "$file" | head -n 1)
case $kind in
  responses) opt=--responses ;;
  warnings) opt=--warnings ;;
  q850) opt=--q850 ;;
  freeswitch) opt=--freeswitch ;;
  ms-diagnostics) opt=--ms-diagnostics ;;
  twilio) opt=--twilio ;;
  labels) opt=--labels ;;
  glossary-ru) opt=--glossary-ru ;;
  glossary-vi) opt=--glossary-vi ;;
  *) echo "$file: no '# kind:' line"; exit 1 ;;
esac
set --
for lang in ru vi; do
  glossary=$(sed -n "s/^# glossary-$lang: //p" "$file" | head -n 1)
  if [ -n "$glossary" ]; then
    set -- "$@" "--glossary-$lang" "$glossary"
  fi
done
with_labels=$(sed -n 's/^# with-labels: //p' "$file" | head -n 1)
if [ -n "$with_labels" ]; then
  set -- "$@" --labels "$with_labels"
fi
out=$(mktemp -d)
"$tablegen" --out "$out/tables.c" "$@" "$opt" "$file" 2>"$out/stderr"
rc=$?
status=0
if [ "$rc" -ne 1 ]; then
  echo "FAIL: exit status $rc, expected 1"; status=1
fi
if ! grep -qF -- "$file:$expect" "$out/stderr"; then
  echo "FAIL: expected a line starting '$file:$expect'"; status=1
fi
if [ -e "$out/tables.c" ] || [ -e "$out/tables.c.tmp" ]; then
  echo "FAIL: a table was written"; status=1
fi
echo "--- stderr:"; cat "$out/stderr"
rm -rf "$out"
exit $status
