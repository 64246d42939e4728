#!/usr/bin/env bash
# The whole pipeline on the sample articles, printed as Markdown with YAML front matter.
# Run from the repository root after `make demo` (or with newstool on PATH).
set -euo pipefail
PATH="$(pwd)/.venv/bin:$PATH"

newstool ingest seeds/ \
  | newstool clean \
  | newstool split-sentences \
  | newstool stats \
  | newstool export -f markdown --sentences
