#!/usr/bin/env bash
# Makes sure what the given uses need is installed (the list and the uses are
# in scripts/prerequisites.txt):
#
#   scripts/prerequisites.sh build test
#
# When all is there it says nothing, and it looks only at files and PATH, never
# at apt or dpkg, so every make target can afford to run it first. When
# something is missing, as root on a machine with apt-get it installs it and
# goes on; otherwise it prints what to install and how, and fails.
#
# RUNNER_PREREQUISITES names another list (the tests use fake ones); SWIFT
# names the Swift driver the Makefile uses. Only bash builtins run until
# apt-get does, so this works on a bare PATH.
set -euo pipefail

list=${RUNNER_PREREQUISITES:-${BASH_SOURCE[0]%/*}/prerequisites.txt}
swift=${SWIFT:-swift}

(($# > 0)) || { echo "usage: $0 USE... (the uses are in $list)" >&2; exit 2; }
[[ -r $list ]] || { echo "runner: cannot read the list of prerequisites $list" >&2; exit 2; }

# A path must exist; PROGRAM:MODULE must be a module that program imports;
# a bare name is a command.
present() {
    if [[ $1 == */* ]]; then [[ -e $1 ]]
    elif [[ $1 == *:* ]]; then command -v "${1%%:*}" >/dev/null && "${1%%:*}" -c "import ${1#*:}" 2>/dev/null
    else command -v "$1" >/dev/null; fi
}
describe() {
    if [[ $1 == */* ]]; then echo "$1"
    elif [[ $1 == *:* ]]; then echo "the ${1#*:} module of ${1%%:*}"
    else echo "the $1 command"; fi
}
joined() { local all=$1; shift; for item; do all+=", $item"; done; echo "$all"; }

# Fills packages with what the uses $@ need and is missing, notes with what
# each is for (wants says the same without package names), and uses with
# every use the list names.
check() {
    packages=() notes=() wants=() uses=()
    local package needs line_uses use wanted needed_for
    # The || keeps a last line that has no newline.
    while read -r package needs line_uses || [[ -n $package ]]; do
        [[ -z $package || $package == \#* ]] && continue
        needed_for=""
        for use in $line_uses; do
            [[ " ${uses[*]} " == *" $use "* ]] || uses+=("$use")
            for wanted in "$@"; do
                [[ $use == "$wanted" ]] && needed_for+="${needed_for:+ and }$use"
            done
        done
        if [[ -n $needed_for ]] && ! present "$needs"; then
            packages+=("$package")
            notes+=("$package ($(describe "$needs"), for $needed_for)")
            wants+=("$(describe "$needs") (for $needed_for)")
        fi
    done <"$list"
}

check "$@"
for wanted in "$@"; do
    if [[ " ${uses[*]} " != *" $wanted "* ]]; then
        echo "runner: $list has no use '$wanted' (its uses: ${uses[*]})" >&2
        exit 2
    fi
done

# Swift is no Debian package: the toolchain runner needs comes from swift.org.
if [[ " $* " == *" build "* ]] && ! present "$swift"; then
    echo "runner needs: Swift 6 ($(describe "$swift"), for build), which is not on PATH." >&2
    echo "Get it from https://swift.org/install and put its usr/bin on PATH." >&2
    exit 1
fi

((${#packages[@]} == 0)) && exit 0
them=them && ((${#packages[@]} == 1)) && them=it

if ! command -v apt-get >/dev/null; then
    echo "runner needs: $(joined "${wants[@]}")." >&2
    echo "This machine has no apt-get: install $them with its package manager (Debian's packages: ${packages[*]})." >&2
    exit 1
fi
if ((EUID != 0)); then
    echo "runner needs: $(joined "${notes[@]}")." >&2
    echo "Install $them with: sudo apt-get install -y ${packages[*]}" >&2
    exit 1
fi

echo "runner: installing $(joined "${notes[@]}") with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
updated=false
update() {
    updated=true
    if ! output=$(apt-get update -qq 2>&1); then
        printf '%s\n' "$output" >&2
        echo "runner: apt-get update failed (output above)" >&2
        exit 1
    fi
}
# A fresh image has no package lists; old lists may name files the mirror no
# longer has, which only a failed install reveals.
compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || update
until output=$(apt-get install -y -qq "${packages[@]}" 2>&1); do
    if $updated; then
        printf '%s\n' "$output" >&2
        echo "runner: apt-get could not install ${packages[*]} (output above)" >&2
        exit 1
    fi
    update
done

installed=("${packages[@]}")
check "$@"
if ((${#packages[@]} > 0)); then
    echo "runner: installed ${installed[*]}, but still missing: $(joined "${notes[@]}"); is $list right?" >&2
    exit 1
fi
