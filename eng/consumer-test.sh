#!/usr/bin/env bash
# Consumer test: packs Scoring.Core, Scoring.Rules, Scoring.Hosting and the scoring tool
# (Scoring.Cli) into a fresh local folder, checks what is in the packages and what each depends on
# (Core: nothing; Rules: Core and YamlDotNet, nothing of Microsoft.Extensions; Hosting: Rules and
# Core), then uses them the way a user would:
#   - a fresh console app (copied from tests/Consumer/) restores Scoring.* from that folder only
#     (package source mapping; a throwaway NUGET_PACKAGES cache, so no stale 0.1.0 can be used),
#     loads rules/ through the plain API and through services.AddScoring(...) (Scoring.Hosting),
#     scores sample records and checks the exact outcomes;
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
libraries="Scoring.Core Scoring.Rules Scoring.Hosting"
expected_packages="Scoring.Cli.$version.nupkg Scoring.Cli.$version.snupkg Scoring.Core.$version.nupkg Scoring.Core.$version.snupkg Scoring.Hosting.$version.nupkg Scoring.Hosting.$version.snupkg Scoring.Rules.$version.nupkg Scoring.Rules.$version.snupkg"
actual_packages=$(cd "$feed" && ls | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
[ "$actual_packages" = "$expected_packages" ] \
  || fail "pack produced [$actual_packages], expected exactly [$expected_packages] (test and benchmark projects must not be packable)"

has() { # package entry
  grep -qx -- "$2" <(zip_list "$feed/$1") || fail "$1 has no $2"
}
nuspec_has() { # package nuspec-name pattern what
  zip_cat "$feed/$1" "$2" | grep -q -- "$3" || fail "$1: the nuspec has no $4"
}
for lib in $libraries; do
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
for id in $libraries Scoring.Cli; do
  pkg="$id.$version.nupkg"
  nuspec_has "$pkg" "$id.nuspec" '<license type="expression">MIT</license>' "MIT licence expression"
  nuspec_has "$pkg" "$id.nuspec" '<readme>README.md</readme>' "readme"
  nuspec_has "$pkg" "$id.nuspec" '<projectUrl>https://github.com/scoring-engine/scoring</projectUrl>' "project URL"
  nuspec_has "$pkg" "$id.nuspec" '<repository type="git" url="https://github.com/scoring-engine/scoring"' "git repository URL"
  nuspec_has "$pkg" "$id.nuspec" '<description>..*</description>' "description"
  nuspec_has "$pkg" "$id.nuspec" '<tags>..*</tags>' "tags"
  nuspec_has "$pkg" "$id.nuspec" "<version>$version</version>" "version $version"
done
# the layering, as the packages declare it: each id the nuspec depends on, for every target framework
dependencies() { # package-id
  zip_cat "$feed/$1.$version.nupkg" "$1.nuspec" | sed -n 's/.*<dependency id="\([^"]*\)" version="\([^"]*\)".*/\1 \2/p' | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//'
}
[ "$(zip_cat "$feed/Scoring.Core.$version.nupkg" Scoring.Core.nuspec | grep -c '<dependency ')" -eq 0 ] \
  || fail "Scoring.Core must have no package dependencies; it has [$(dependencies Scoring.Core)]"
yaml_version=$(sed -n 's/.*<PackageVersion Include="YamlDotNet" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
[ "$(dependencies Scoring.Rules)" = "Scoring.Core $version YamlDotNet $yaml_version" ] \
  || fail "Scoring.Rules must depend on Scoring.Core $version and YamlDotNet $yaml_version only; it depends on [$(dependencies Scoring.Rules)]"
hosting_deps=$(dependencies Scoring.Hosting)
for want in "Scoring.Core $version" "Scoring.Rules $version" "Microsoft.Extensions.DependencyInjection.Abstractions" "Microsoft.Extensions.Hosting.Abstractions"; do
  [[ " $hosting_deps " == *" $want"* ]] || fail "Scoring.Hosting does not depend on $want; it depends on [$hosting_deps]"
done
step "packages: README, XML docs for net8.0 and net10.0, symbols (snupkg), DotnetToolSettings.xml, metadata, dependencies (Core: none; Rules: Core, YamlDotNet; Hosting: Rules, Core, Microsoft.Extensions): ok"

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
for lib in $libraries; do
  id=$(tr '[:upper:]' '[:lower:]' <<<"$lib")
  meta="$NUGET_PACKAGES/$id/$version/.nupkg.metadata"
  [ -f "$meta" ] || fail "$lib $version was not restored into the throwaway cache"
  grep -q "\"source\": \"$feed" "$meta" || fail "$lib $version was restored from elsewhere: $(cat "$meta")"
  cmp -s "$NUGET_PACKAGES/$id/$version/$id.$version.nupkg" "$feed/$lib.$version.nupkg" \
    || fail "the restored $lib is not the package just packed"
done
step "consumer app: Scoring.Core, Scoring.Rules and Scoring.Hosting $version came from the local folder"
SCORING_EXPECTED_TESTS="$tool_tests" dotnet "$app/bin/Release/net10.0/Consumer.dll" "$repo/rules" "$repo/samples" \
  || fail "the consumer app's checks failed"

step "OK"
