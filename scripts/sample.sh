#!/usr/bin/env bash
# The main job: installs what is missing, then writes a sample of worked derivations to output/
# (Unicode text, a LaTeX document and JSON Lines) from samples/derivatives.txt.
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
echo "wrote output/derivatives.txt, output/derivatives.jsonl, output/derivatives.tex, output/first-principles.txt"
