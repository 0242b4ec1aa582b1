#!/usr/bin/env bash
# Issue 11 item 9: would a production build pay? Transpiles src/ with esbuild (no bundling, same
# tree) into bench/scratch/build/ and prepares the commands that a comparison times as whole
# processes: tsx on the sources (today) vs plain node on the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench/scratch/build
rm -rf "$OUT"; mkdir -p "$OUT"
files=$(find src -name '*.ts' -o -name '*.tsx' | grep -v '\.test\.tsx\?$')
npx esbuild $files --outdir="$OUT/src" --outbase=src --platform=node --format=esm --target=node20 \
  --jsx=automatic --jsx-import-source='#jsx' --log-level=warning
# Everything the sources load by URL at run time: static files, the worker, data beside the tree.
(cd src && find . -type f ! -name '*.ts' ! -name '*.tsx' -exec cp --parents {} "../$OUT/src/" \;)
ln -s ../../../data "$OUT/data"
cat > "$OUT/package.json" <<'JSON'
{ "type": "module", "imports": { "#jsx/jsx-runtime": "./src/lib/jsx/jsx-runtime.js", "#jsx/jsx-dev-runtime": "./src/lib/jsx/jsx-runtime.js" } }
JSON
echo "built $(find "$OUT/src" -name '*.js' | wc -l) files into $OUT"
