#!/usr/bin/env bash
# A nightly job: turn yesterday's scraped articles into cleaned documents and one Markdown file
# per article, and keep a corpus summary. Meant for cron, where nobody watches:
#
#   15 3 * * *  /opt/newstool/examples/nightly-cron.sh /srv/scrapes /srv/articles >>/var/log/newstool.log 2>&1
#
# - every input is named explicitly, so newstool never waits on stdin;
# - each stage writes atomically (-o), so a crash never leaves half a file for the next step;
# - exit status 1 means some inputs failed and were reported on stderr (the log) while the
#   rest were written; the script keeps going and reports the failure at the end.
set -uo pipefail

scrapes=${1:?usage: nightly-cron.sh SCRAPES_DIR OUTPUT_DIR}
out=${2:?usage: nightly-cron.sh SCRAPES_DIR OUTPUT_DIR}
day=$(date -u -d yesterday +%Y-%m-%d 2>/dev/null || date -u +%Y-%m-%d)
work="$out/$day"
mkdir -p "$work/markdown"

status=0
newstool ingest --quiet "$scrapes/$day" -o "$work/ingested.jsonl" || status=$?
newstool clean --quiet "$work/ingested.jsonl" \
  | newstool split-sentences --quiet \
  | newstool stats --quiet -o "$work/documents.jsonl" || status=$?
newstool export --quiet -f markdown "$work/documents.jsonl" -o "$work/markdown/" || status=$?
newstool stats --summary -f markdown "$work/documents.jsonl" -o "$work/summary.md" || status=$?

if [ "$status" -ne 0 ]; then
  echo "newstool nightly $day: some inputs failed (exit $status); see the messages above" >&2
fi
exit "$status"
