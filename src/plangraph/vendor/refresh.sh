#!/usr/bin/env bash
# Re-vendor the pinned browser libraries of package.json from the npm registry.
# Copies only the built files and licences; node_modules is never committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent cytoscape@3.35.0 @zazuko/yasgui@4.6.2 >/dev/null
mkdir c y
tar xzf cytoscape-3.35.0.tgz -C c
tar xzf zazuko-yasgui-4.6.2.tgz -C y
cp c/package/dist/cytoscape.min.js c/package/LICENSE "$here/cytoscape/"
cp y/package/build/yasgui.min.js y/package/build/yasgui.min.css "$here/yasgui/"
echo "vendored cytoscape 3.35.0 and @zazuko/yasgui 4.6.2 into $here"
