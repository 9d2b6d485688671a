#!/bin/sh
# Checks that the table compiler refuses data files over its limits.
# Usage: sh tests/tablegen/check_huge.sh TABLEGEN   (ctest label tablegen)
# A data file over the size limit is refused with FILE:1:, and so is one
# with a NUL byte; neither writes a table.
set -u
tablegen=$1
dir=$(mktemp -d)
status=0
{
  printf '# kind: responses\n'
  i=0
  while [ $i -lt 70000 ]; do
    printf '# padding line %060d\n' $i
    i=$((i + 1))
  done
} > "$dir/huge.ini"
"$tablegen" --out "$dir/t.c" --responses "$dir/huge.ini" 2>"$dir/err1"
rc=$?
cat "$dir/err1"
[ $rc -eq 1 ] || { echo "FAIL: huge file: exit $rc"; status=1; }
grep -q "^$dir/huge.ini:1: file is [0-9]* bytes, more than the 4194304 accepted" "$dir/err1" || { echo "FAIL: huge file message"; status=1; }
printf '[1xx]\nClass=Provisional\n\nDescription=a\000b\n' > "$dir/nul.ini"
"$tablegen" --out "$dir/t.c" --responses "$dir/nul.ini" 2>"$dir/err2"
rc=$?
cat "$dir/err2"
[ $rc -eq 1 ] || { echo "FAIL: NUL byte: exit $rc"; status=1; }
grep -q "^$dir/nul.ini:4: NUL byte in a text file" "$dir/err2" || { echo "FAIL: NUL message"; status=1; }
"$tablegen" --out "$dir/t.c" --responses "$dir/absent.ini" 2>"$dir/err3"
rc=$?
cat "$dir/err3"
[ $rc -eq 1 ] || { echo "FAIL: missing file: exit $rc"; status=1; }
grep -q "^$dir/absent.ini:1: cannot read" "$dir/err3" || { echo "FAIL: missing file message"; status=1; }
"$tablegen" --bogus 2>"$dir/err4"
[ $? -eq 2 ] || { echo "FAIL: usage exit"; status=1; }
[ -e "$dir/t.c" ] && { echo "FAIL: a table was written"; status=1; }
rm -rf "$dir"
exit $status
