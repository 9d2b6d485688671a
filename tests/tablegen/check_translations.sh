#!/bin/sh
# Checks that translations cannot go stale silently (table/compiler/translation_sums.h).
# Usage: sh tests/tablegen/check_translations.sh TABLEGEN SCENARIO   (ctest label tablegen)
# Copies the fixture of tests/tablegen/translations/ (a response table, a
# label file and their stamps in translations.sums) into a temporary folder,
# changes it as SCENARIO says, and checks what the table compiler reports
# with --translations require, warn, stamp and confirm:
#   current          the fixture as committed passes; stamping it anew writes
#                    the same file
#   english_changed  one English sentence of [480] changed, its translations
#                    not: both reported at their line, the build still writes
#                    the table, stamping refuses them
#   translation_edited  a translation changed under the same English: reported
#                    until stamped
#   stamp_removed_key   a label and its translations deleted: its stamps reported
#   stamp_missing    a stamp deleted: its translation reported
#   stamp_target     stamping after a translator updated the texts, and
#                    confirming a translation that still fits: the file then
#                    passes, and the .ini files are left as they were
#   malformed_sums   a damaged stamp line: reported, and never rewritten
set -u
tablegen=$1
scenario=$2
fixture=$(cd "$(dirname "$0")/translations" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$fixture/responses.ini" "$fixture/labels.ini" "$fixture/translations.sums" "$work/"
cd "$work" || exit 1
status=0
stamp_hint='(English changed; a translator must update it, then run: cmake --build build --target stamp-translations)'

fail() {
  echo "FAIL: $*"; status=1
}

# run MODE [more options]: the compiler on the copy; sets rc, fills out and err.
run() {
  mode=$1; shift
  "$tablegen" --responses responses.ini --labels labels.ini \
    --translation-sums translations.sums --translations "$mode" "$@" >out 2>err
  rc=$?
  echo "--- $mode: exit $rc"; cat out err
}

expect_rc() {
  [ "$rc" -eq "$1" ] || fail "exit status $rc, expected $1"
}

# has FILE TEXT: FILE holds a line that is exactly TEXT.
has() {
  grep -qxF -- "$2" "$1" || fail "expected in $1 the line: $2"
}

# lines FILE N: FILE has N lines "NAME:LINE: ..." (reports, not summaries).
lines() {
  n=$(grep -c '^[a-z.]*:[0-9]*: ' "$1")
  [ "$n" -eq "$2" ] || fail "$n reports in $1, expected $2"
}

line_of() {
  grep -n -- "$2" "$1" | head -n 1 | cut -d: -f1
}

# replace FILE OLD NEW: one literal edit of a data file (OLD must be there).
replace() {
  grep -qF -- "$2" "$1" || { fail "fixture lacks: $2"; return; }
  python3 -c 'import sys; p, a, b = sys.argv[1:]; s = open(p, encoding="utf-8").read(); open(p, "w", encoding="utf-8").write(s.replace(a, b, 1))' "$1" "$2" "$3"
}

case $scenario in
  current)
    run require
    expect_rc 0
    [ -s err ] && fail "reports on the committed fixture"
    rm translations.sums
    run stamp
    expect_rc 0
    has out "translations.sums: 13 stamped, 0 removed; 13 stamps in all"
    cmp -s translations.sums "$fixture/translations.sums" || fail "a fresh stamp differs from the committed fixture"
    ;;
  english_changed)
    replace responses.ini "Description=Nobody can take the call right now." "Description=Nobody can answer the call right now."
    ru=$(line_of responses.ini '^Description\[ru\]=')
    vi=$(line_of responses.ini '^Description\[vi\]=')
    run require
    expect_rc 1
    has err "responses.ini:$ru: [480] Description[ru] translates an older English text $stamp_hint"
    has err "responses.ini:$vi: [480] Description[vi] translates an older English text $stamp_hint"
    lines err 2
    # The build: reported, and the table is written all the same.
    run warn --out tables.c
    expect_rc 0
    has err "responses.ini:$ru: [480] Description[ru] translates an older English text $stamp_hint"
    lines err 2
    [ -s tables.c ] || fail "the build wrote no table"
    # Stamping does not hide them: nobody updated the translations.
    cp translations.sums before.sums
    run stamp
    expect_rc 1
    grep -qF "responses.ini:$ru: [480] Description[ru] not stamped: its English changed but it did not" err \
      || fail "stamping did not refuse Description[ru]"
    cmp -s translations.sums before.sums || fail "a refused stamp changed translations.sums"
    run require
    expect_rc 1
    lines err 2
    ;;
  translation_edited)
    replace labels.ini "Bye[ru]=До свидания" "Bye[ru]=Пока"
    run require
    expect_rc 1
    has err "labels.ini:8: [greeting] Bye[ru] changed since it was stamped (run: cmake --build build --target stamp-translations)"
    lines err 1
    run stamp
    expect_rc 0
    has out "stamped (translation edited): labels.ini:8: [greeting] Bye[ru]"
    run require
    expect_rc 0
    ;;
  stamp_removed_key)
    grep -v '^Bye' labels.ini >labels.new && mv labels.new labels.ini
    ru=$(line_of translations.sums '^labels.ini \[greeting\] Bye\[ru\] ')
    vi=$(line_of translations.sums '^labels.ini \[greeting\] Bye\[vi\] ')
    run require
    expect_rc 1
    has err "translations.sums:$ru: stamp for labels.ini [greeting] Bye[ru], a translation that no longer exists (run: cmake --build build --target stamp-translations)"
    has err "translations.sums:$vi: stamp for labels.ini [greeting] Bye[vi], a translation that no longer exists (run: cmake --build build --target stamp-translations)"
    lines err 2
    run stamp
    expect_rc 0
    has out "removed stamp: labels.ini [greeting] Bye[ru] (no such translation any more)"
    grep -q 'Bye' translations.sums && fail "the removed stamps are still there"
    run require
    expect_rc 0
    ;;
  stamp_missing)
    grep -v '^responses.ini \[480\] Fix\[vi\] ' translations.sums >sums.new && mv sums.new translations.sums
    vi=$(line_of responses.ini '^Fix\[vi\]=')
    run require
    expect_rc 1
    has err "responses.ini:$vi: [480] Fix[vi] has no stamp in translations.sums (a new translation? run: cmake --build build --target stamp-translations)"
    lines err 1
    ;;
  stamp_target)
    replace responses.ini "Fix=Check the callee's registration." "Fix=Check the callee's registration and its DND setting."
    replace responses.ini "Fix[ru]=Проверьте регистрацию вызываемого." "Fix[ru]=Проверьте регистрацию вызываемого и его настройку DND."
    ru=$(line_of responses.ini '^Fix\[ru\]=')
    vi=$(line_of responses.ini '^Fix\[vi\]=')
    # Only Russian updated: Russian stamped, Vietnamese refused.
    run stamp
    expect_rc 1
    has out "stamped (translation updated for the changed English): responses.ini:$ru: [480] Fix[ru]"
    grep -qF "responses.ini:$vi: [480] Fix[vi] not stamped" err || fail "Fix[vi] was not refused"
    run require
    expect_rc 1
    has err "responses.ini:$vi: [480] Fix[vi] translates an older English text $stamp_hint"
    lines err 1
    # Vietnamese updated too: everything stamped, the file passes.
    replace responses.ini "Fix[vi]=Kiểm tra đăng ký của bên bị gọi." "Fix[vi]=Kiểm tra đăng ký và cài đặt DND của bên bị gọi."
    cp responses.ini responses.before; cp labels.ini labels.before
    run stamp
    expect_rc 0
    has out "stamped (translation updated for the changed English): responses.ini:$vi: [480] Fix[vi]"
    has out "translations.sums: 1 stamped, 0 removed; 13 stamps in all"
    cmp -s responses.ini responses.before && cmp -s labels.ini labels.before || fail "stamping changed a data file"
    run require
    expect_rc 0
    [ -s err ] && fail "reports after stamping"
    # A typo fixed in English: the translations still fit; a translator confirms.
    replace labels.ini "Bye=Goodbye" "Bye=Good-bye"
    run stamp
    expect_rc 1
    run confirm
    expect_rc 0
    has out "stamped (confirmed for the changed English): labels.ini:8: [greeting] Bye[ru]"
    has out "stamped (confirmed for the changed English): labels.ini:9: [greeting] Bye[vi]"
    run require
    expect_rc 0
    run stamp
    expect_rc 0
    has out "translations.sums: unchanged (13 stamps)"
    ;;
  malformed_sums)
    replace translations.sums "responses.ini [480] When[ru] " "responses.ini [480] When[ru]	"
    n=$(line_of translations.sums 'When\[ru\]	')
    cp translations.sums before.sums
    run require
    expect_rc 1
    grep -qF "translations.sums:$n: not a stamp 'FILE [GROUP] KEY[LANG] ENGLISH TRANSLATION'" err \
      || fail "the damaged line $n was not reported"
    run stamp
    expect_rc 1
    cmp -s translations.sums before.sums || fail "a damaged translations.sums was rewritten"
    ;;
  *)
    echo "unknown scenario '$scenario'"; exit 2 ;;
esac
exit $status
