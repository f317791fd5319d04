#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt of every library in src/; each must track its public API
# (Microsoft.CodeAnalysis.PublicApiAnalyzers; RS0016/RS0017 fail the build otherwise).
#
#   bash eng/update-public-api.sh          # rewrite the Unshipped files from the code
#   bash eng/update-public-api.sh --check  # only report whether they are up to date (exit 1 if not)
#
# Unshipped = the current public API less what PublicAPI.Shipped.txt already lists. The file is
# emptied to its header, refilled by the analyzer's own code fix (dotnet format applies RS0016's
# fix), then sorted ordinally, so running it again changes nothing. Both target frameworks are
# then built to make sure they agree with the files. An API removed from PublicAPI.Shipped.txt
# (RS0017) is a breaking change and is left for a person to record (see README.md, "Public API").
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

check=0
[ "${1:-}" = "--check" ] && check=1

# every library in src/ (IsLibrary, see Directory.Build.props: Scoring.Core, Scoring.Rules,
# Scoring.Hosting, …) tracks its API; a library without the two files would be skipped unnoticed
projects=()
for csproj in src/*/*.csproj; do
  p=$(dirname "$csproj")
  [ "$(dotnet msbuild "$csproj" -getProperty:IsLibrary -nologo | tr -d '[:space:]')" = "true" ] || continue
  for f in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do
    [ -f "$p/$f" ] || { echo "update-public-api: the library $p has no $f (start it with the line '#nullable enable')" >&2; exit 1; }
  done
  projects+=("$p")
done
[ ${#projects[@]} -gt 0 ] || { echo "update-public-api: no library found in src/" >&2; exit 1; }
echo "== libraries: ${projects[*]}"

header='#nullable enable'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for p in "${projects[@]}"; do
  name=$(basename "$p")
  unshipped="$p/PublicAPI.Unshipped.txt"
  [ -f "$unshipped" ] && cp "$unshipped" "$tmp/$name.before" || : > "$tmp/$name.before"
  printf '%s\n' "$header" > "$unshipped"
done

for p in "${projects[@]}"; do
  name=$(basename "$p")
  echo "== $name: collecting the public API (dotnet format analyzers --diagnostics RS0016)"
  dotnet restore "$p/$name.csproj" -v q >/dev/null
  # exit code 2 would only mean "files changed" with --verify-no-changes, which is not used here
  dotnet format analyzers "$p/$name.csproj" --no-restore --diagnostics RS0016 --severity warn -v q
done

changed=0
for p in "${projects[@]}"; do
  name=$(basename "$p")
  unshipped="$p/PublicAPI.Unshipped.txt"
  # header first, then every entry once, sorted ordinally, LF line ends, final newline
  { printf '%s\n' "$header"
    tail -n +2 "$unshipped" | tr -d '\r' | grep -v '^[[:space:]]*$' | grep -vx "$header" | LC_ALL=C sort -u
  } > "$tmp/$name.after"
  if ! cmp -s "$tmp/$name.before" "$tmp/$name.after"; then
    changed=1
    echo "-- $unshipped changes:"
    diff -u "$tmp/$name.before" "$tmp/$name.after" | tail -n +3 | grep '^[-+]' || true
  fi
  if [ $check -eq 1 ]; then
    cp "$tmp/$name.before" "$unshipped"
  else
    cp "$tmp/$name.after" "$unshipped"
  fi
done

if [ $check -eq 1 ]; then
  [ $changed -eq 0 ] && { echo "public API files are up to date"; exit 0; }
  echo "public API files are out of date: run bash eng/update-public-api.sh" >&2
  exit 1
fi

echo "== building every target framework against the files"
for p in "${projects[@]}"; do
  name=$(basename "$p")
  if ! dotnet build "$p/$name.csproj" -c Release -v q -nologo --no-restore >"$tmp/build.log" 2>&1; then
    grep -E 'error' "$tmp/build.log" | sort -u | head -40 >&2
    echo "update-public-api: $name does not build against its API files (RS0017: an API listed in PublicAPI.Shipped.txt is gone; or the target frameworks differ)" >&2
    exit 1
  fi
done
[ $changed -eq 0 ] && echo "public API files were already up to date" || echo "public API files updated; review and commit them"
