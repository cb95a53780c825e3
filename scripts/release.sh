#!/usr/bin/env bash
# npm run release -- <patch|minor|major|x.y.z>      on a maintainer's machine, on a clean main branch:
#   checks (lint, type-check, unit tests, build, package scanner), sets the version in package.json and
#   package-lock.json, commits "Release x.y.z", tags x.y.z and pushes both. The tag starts .github/workflows/publish.yml.
#   CHANGELOG.md must already have a "## x.y.z" section for the new version.
# npm run release                                   in GitHub Actions (publish.yml, on the tag):
#   the tag must equal package.json's version; the same checks, then `npm publish --provenance` of the packed
#   tarball after n8n's package scanner passed on exactly that tarball.
set -euo pipefail
cd "$(dirname "$0")/.."

checks() {
  npm run --silent lint
  npm run --silent typecheck
  npx jest --ci --silent
  npm run --silent build
}

if [[ "${GITHUB_ACTIONS:-}" == "true" ]]; then
  version="$(node -p 'require("./package.json").version')"
  tag="${GITHUB_REF_NAME:-}"
  [[ "$tag" == "$version" ]] || { echo "release: tag '$tag' is not package.json's version $version" >&2; exit 1; }
  checks
  out="$(mktemp -d)"
  tarball="$out/$(npm pack --silent --pack-destination "$out")"
  node scripts/scan-package.mjs --tarball "$tarball"
  npm publish "$tarball" --provenance --access public
  exit 0
fi

bump="${1:-}"
[[ -n "$bump" ]] || { echo "usage: npm run release -- <patch|minor|major|x.y.z>" >&2; exit 1; }
[[ -z "$(git status --porcelain)" ]] || { echo "release: commit or stash your changes first" >&2; exit 1; }
checks
npm run --silent scan
version="$(npm version "$bump" --no-git-tag-version --ignore-scripts | tail -n 1)"
version="${version#v}"
if ! grep -q "^## \[\?$version\]\?" CHANGELOG.md; then
  git checkout -- package.json package-lock.json
  echo "release: CHANGELOG.md has no '## $version' section; write it, commit it, run again" >&2
  exit 1
fi
git commit -q -m "Release $version" package.json package-lock.json
git tag -a "$version" -m "Release $version"
git push --follow-tags
echo "release: pushed $version; GitHub Actions publishes it (.github/workflows/publish.yml)"
