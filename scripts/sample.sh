#!/usr/bin/env bash
# The main job: installs what is missing, then writes to output/ a sample worksheet covering all six
# weeks (worksheet, worked solutions and answer key as PDF and HTML, from examples/sample.toml),
# PNG previews of its first pages, worked derivations (Unicode text, a LaTeX document and JSON
# Lines) from samples/derivatives.txt, and one problem set as JSON.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
mkdir -p output
tutor=.venv/bin/tutor
$tutor diff --file samples/derivatives.txt > output/derivatives.txt
$tutor diff --file samples/derivatives.txt --format json > output/derivatives.jsonl
{
  printf '%s\n' '\documentclass{article}' '\usepackage{amsmath,amssymb}' '\usepackage[margin=2cm]{geometry}' '\begin{document}'
  grep -v '^#' samples/derivatives.txt | grep -v '^$' | while IFS= read -r expr; do
    printf '\\[\n'; $tutor diff "$expr" --format latex; printf '\\]\n\n'
  done
  printf '%s\n' '\end{document}'
} > output/derivatives.tex
$tutor diff "x^3" --first-principles > output/first-principles.txt
$tutor build examples/sample.toml --out output/sample-set.json
$tutor worksheet examples/sample.toml --out output/
bash scripts/preview.sh output/*-A-worksheet.pdf >/dev/null
echo "wrote output/*-worksheet.pdf|html, *-solutions.*, *-key.*, output/preview/*.png, output/sample-set.json"
echo "wrote output/derivatives.txt, output/derivatives.jsonl, output/derivatives.tex, output/first-principles.txt"
