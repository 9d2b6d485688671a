#!/bin/sh
# Commit subjects fit a line: at most 72 characters (CONTRIBUTING.md).
# Checks the commits after BASE, the last commit made before the rule;
# older subjects stay as they were written.
# Usage: sh check_commit_subjects.sh SOURCE_ROOT
# Exit 0 all fit, 1 some do not (listed), 77 not a git checkout (a tarball:
# ctest shows the test as skipped).
set -eu
BASE=6519ae0d2deee7233ee5bba4821e3555e3d8a238
root=${1:?usage: check_commit_subjects.sh SOURCE_ROOT}
if ! git -C "$root" rev-parse --git-dir >/dev/null 2>&1 || ! command -v git >/dev/null; then
  echo "check_commit_subjects: $root is not a git checkout; nothing to check"
  exit 77
fi
if ! git -C "$root" cat-file -e "$BASE^{commit}" 2>/dev/null; then
  echo "check_commit_subjects: base commit $BASE is not in this history (a shallow clone?)"
  exit 77
fi
long=$(git -C "$root" log --format='%h %s' "$BASE..HEAD" | awk '{ s = $0; sub(/^[^ ]+ /, "", s); if (length(s) > 72) print length(s) " chars: " $0 }')
checked=$(git -C "$root" rev-list --count "$BASE..HEAD")
if [ -n "$long" ]; then
  echo "check_commit_subjects: subjects over 72 characters (write the detail in the body):"
  echo "$long"
  exit 1
fi
echo "check_commit_subjects: $checked commits after $BASE, every subject within 72 characters"
