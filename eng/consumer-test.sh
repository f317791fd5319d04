#!/usr/bin/env bash
# Consumer test: packs Scoring.Core, Scoring.Rules and the scoring tool (Scoring.Cli) into a fresh
# local folder, checks what is in the packages, then uses them the way a user would:
#   - a fresh console app (copied from tests/Consumer/) restores Scoring.* from that folder only
#     (package source mapping; a throwaway NUGET_PACKAGES cache, so no stale 0.1.0 can be used),
#     loads rules/ through the plain API and through services.AddScoring(...), scores sample
#     records and checks the exact outcomes;
#   - `dotnet tool install --tool-path` installs the tool from the folder, and `scoring validate
#     rules/`, `scoring test rules/` and `scoring run` must succeed with the expected output.
# Exit 0 when every check passes, 1 otherwise.
#
#   bash eng/consumer-test.sh [--no-build] [--keep]
#     --no-build  pack what `dotnet build Scoring.sln -c Release` already built (CI does that first)
#     --keep      keep the work folder (printed) for a look afterwards
# Environment: SCORING_NUGET_UPSTREAM  the NuGet source for third-party packages
#              (default https://api.nuget.org/v3/index.json)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

no_build=""; keep=0
for a in "$@"; do
  case "$a" in
    --no-build) no_build="--no-build" ;;
    --keep) keep=1 ;;
    *) echo "usage: bash eng/consumer-test.sh [--no-build] [--keep]" >&2; exit 2 ;;
  esac
done
upstream="${SCORING_NUGET_UPSTREAM:-https://api.nuget.org/v3/index.json}"

work=$(mktemp -d "${TMPDIR:-/tmp}/scoring-consumer.XXXXXX")
if [ $keep -eq 1 ]; then echo "consumer-test: work folder $work"; else trap 'rm -rf "$work"' EXIT; fi
feed="$work/feed"; app="$work/app"; tools="$work/tools"; log="$work/logs"
mkdir -p "$feed" "$log"
# a throwaway package cache: only what this run restores is in it
export NUGET_PACKAGES="$work/nuget-packages"

fail() { echo "consumer-test: FAIL: $*" >&2; exit 1; }
step() { echo "consumer-test: $*"; }
zip_list() {
  if command -v unzip >/dev/null 2>&1; then unzip -Z1 "$1"
  else python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; fi
}
zip_cat() {
  if command -v unzip >/dev/null 2>&1; then unzip -p "$1" "$2"
  else python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"; fi
}

# the one version, from Directory.Build.props
version=$(dotnet msbuild src/Scoring.Core/Scoring.Core.csproj -getProperty:Version -nologo | tr -d '[:space:]')
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || fail "could not read the version from Directory.Build.props (got '$version')"
step "version $version"

step "dotnet pack Scoring.sln -c Release $no_build -o <fresh folder>"
dotnet pack Scoring.sln -c Release $no_build -o "$feed" -v q -nologo >"$log/pack.txt" 2>&1 \
  || { cat "$log/pack.txt" >&2; fail "dotnet pack failed"; }

# --- what the packages contain
expected_packages="Scoring.Cli.$version.nupkg Scoring.Cli.$version.snupkg Scoring.Core.$version.nupkg Scoring.Core.$version.snupkg Scoring.Rules.$version.nupkg Scoring.Rules.$version.snupkg"
actual_packages=$(cd "$feed" && ls | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
[ "$actual_packages" = "$expected_packages" ] \
  || fail "pack produced [$actual_packages], expected exactly [$expected_packages] (test and benchmark projects must not be packable)"

has() { # package entry
  grep -qx -- "$2" <(zip_list "$feed/$1") || fail "$1 has no $2"
}
nuspec_has() { # package nuspec-name pattern what
  zip_cat "$feed/$1" "$2" | grep -q -- "$3" || fail "$1: the nuspec has no $4"
}
for lib in Scoring.Core Scoring.Rules; do
  pkg="$lib.$version.nupkg"
  has "$pkg" README.md
  for tfm in net8.0 net10.0; do
    has "$pkg" "lib/$tfm/$lib.dll"
    has "$pkg" "lib/$tfm/$lib.xml"
    has "$lib.$version.snupkg" "lib/$tfm/$lib.pdb"
  done
done
has "Scoring.Cli.$version.nupkg" README.md
has "Scoring.Cli.$version.nupkg" tools/net10.0/any/DotnetToolSettings.xml
has "Scoring.Cli.$version.nupkg" tools/net10.0/any/scoring.dll
has "Scoring.Cli.$version.snupkg" tools/net10.0/any/scoring.pdb
zip_cat "$feed/Scoring.Cli.$version.nupkg" tools/net10.0/any/DotnetToolSettings.xml | grep -q '<Command Name="scoring" EntryPoint="scoring.dll"' \
  || fail "DotnetToolSettings.xml does not name the command scoring"
for id in Scoring.Core Scoring.Rules Scoring.Cli; do
  pkg="$id.$version.nupkg"
  nuspec_has "$pkg" "$id.nuspec" '<license type="expression">MIT</license>' "MIT licence expression"
  nuspec_has "$pkg" "$id.nuspec" '<readme>README.md</readme>' "readme"
  nuspec_has "$pkg" "$id.nuspec" '<projectUrl>https://github.com/scoring-engine/scoring</projectUrl>' "project URL"
  nuspec_has "$pkg" "$id.nuspec" '<repository type="git" url="https://github.com/scoring-engine/scoring"' "git repository URL"
  nuspec_has "$pkg" "$id.nuspec" '<description>..*</description>' "description"
  nuspec_has "$pkg" "$id.nuspec" '<tags>..*</tags>' "tags"
  nuspec_has "$pkg" "$id.nuspec" "<version>$version</version>" "version $version"
done
zip_cat "$feed/Scoring.Rules.$version.nupkg" Scoring.Rules.nuspec | grep -q "<dependency id=\"Scoring.Core\" version=\"$version\"" \
  || fail "Scoring.Rules does not depend on Scoring.Core $version"
step "packages: README, XML docs for net8.0 and net10.0, symbols (snupkg), DotnetToolSettings.xml, metadata: ok"

# --- the tool, installed from the folder
cp -R tests/Consumer "$app"
rm -rf "$app/bin" "$app/obj"
sed -i.bak -e "s|__LOCAL_FEED__|$feed|" -e "s|__UPSTREAM__|$upstream|" "$app/nuget.config" && rm -f "$app/nuget.config.bak"
# NuGet refuses --add-source together with package source mapping, so the tool is installed with a
# config that clears every source: the local folder given by --add-source is then the only one
# (the tool package has no dependencies to fetch elsewhere).
printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <clear />\n  </packageSources>\n</configuration>\n' >"$work/tool-nuget.config"
step "dotnet tool install --tool-path <tmp> --add-source <folder> Scoring.Cli --version $version"
dotnet tool install --tool-path "$tools" --add-source "$feed" --configfile "$work/tool-nuget.config" Scoring.Cli --version "$version" \
  >"$log/tool-install.txt" 2>&1 || { cat "$log/tool-install.txt" >&2; fail "dotnet tool install failed"; }
[ -x "$tools/scoring" ] || fail "the tool did not install a 'scoring' command"
# the installed package is the one just packed (same bytes), not one from anywhere else
installed=$(find "$tools/.store" -iname "scoring.cli.$version.nupkg" | head -1)
[ -n "$installed" ] || fail "no scoring.cli.$version.nupkg in the tool store"
cmp -s "$installed" "$feed/Scoring.Cli.$version.nupkg" || fail "the installed Scoring.Cli is not the package just packed"

"$tools/scoring" validate rules/ >"$log/validate.txt" 2>&1 || { cat "$log/validate.txt" >&2; fail "scoring validate rules/ failed"; }
step "scoring validate rules/: ok"
"$tools/scoring" test rules/ >"$log/test.txt" 2>&1 || { cat "$log/test.txt" >&2; fail "scoring test rules/ failed"; }
tool_tests=$(sed -n 's/^\([0-9][0-9]*\) passed, 0 failed$/\1/p' "$log/test.txt" | tail -1)
[ -n "$tool_tests" ] && [ "$tool_tests" -gt 0 ] || { cat "$log/test.txt" >&2; fail "scoring test rules/ ran no test"; }
step "scoring test rules/: all $tool_tests rule test cases pass"
head -3 samples/settlements.csv >"$work/three.csv"
"$tools/scoring" run --rules rules/settlement-services.yaml --input "$work/three.csv" --out "$work/three.jsonl" >"$log/run.txt" 2>&1 \
  || { cat "$log/run.txt" >&2; fail "scoring run failed"; }
expected_line='{"id":"S-001","outcomes":{"party_organisation":"独立党支部","service_centre":"一站式服务中心","five_connections_required":true,"garden_ok":false,"garden_shortfall_m2":5760}}'
[ "$(head -1 "$work/three.jsonl")" = "$expected_line" ] \
  || fail "scoring run: S-001 came out as $(head -1 "$work/three.jsonl"), expected $expected_line"
[ "$(wc -l <"$work/three.jsonl")" -eq 2 ] || fail "scoring run: expected 2 records in the output"
step "scoring run: S-001 and S-002 scored as expected"

# --- a fresh application using the libraries
step "consumer app: restore from the folder (Scoring.*) and $upstream (everything else)"
(cd "$app" && dotnet build -c Release -p:ScoringVersion="$version" -v q -nologo) >"$log/app-build.txt" 2>&1 \
  || { cat "$log/app-build.txt" >&2; fail "the consumer app does not build against the packages"; }
for id in scoring.core scoring.rules; do
  meta="$NUGET_PACKAGES/$id/$version/.nupkg.metadata"
  [ -f "$meta" ] || fail "$id $version was not restored into the throwaway cache"
  grep -q "\"source\": \"$feed" "$meta" || fail "$id $version was restored from elsewhere: $(cat "$meta")"
done
cmp -s "$NUGET_PACKAGES/scoring.core/$version/scoring.core.$version.nupkg" "$feed/Scoring.Core.$version.nupkg" \
  || fail "the restored Scoring.Core is not the package just packed"
cmp -s "$NUGET_PACKAGES/scoring.rules/$version/scoring.rules.$version.nupkg" "$feed/Scoring.Rules.$version.nupkg" \
  || fail "the restored Scoring.Rules is not the package just packed"
step "consumer app: Scoring.Core and Scoring.Rules $version came from the local folder"
SCORING_EXPECTED_TESTS="$tool_tests" dotnet "$app/bin/Release/net10.0/Consumer.dll" "$repo/rules" "$repo/samples" \
  || fail "the consumer app's checks failed"

step "OK"
