#!/usr/bin/env bash
# Makes sure what the given uses need is installed (the list and the uses are
# in scripts/prerequisites.txt):
#
#   scripts/prerequisites.sh build test
#
# When all is there it says nothing, and it looks only at files and PATH, never
# at apt, dpkg or pip, so every make target can afford to run it first. When
# something is missing, as root on a machine with apt-get it installs it (the
# Debian packages with apt-get, then the PyPI ones with pip into their virtual
# environment) and goes on; otherwise it prints the commands that install it,
# and fails.
#
# RUNNER_PREREQUISITES names another list (the tests use fake ones); SWIFT
# names the Swift driver the Makefile uses. Only bash builtins run until
# apt-get or pip does, so this works on a bare PATH.
set -euo pipefail

here=.
[[ ${BASH_SOURCE[0]} == */* ]] && here=${BASH_SOURCE[0]%/*}
list=${RUNNER_PREREQUISITES:-$here/prerequisites.txt}
swift=${SWIFT:-swift}
# Virtual environments are made from Debian's Python rather than whichever
# python3 comes first on PATH (pyenv, conda), so python3-venv is what they need.
python=/usr/bin/python3
# A relative virtual environment is in the project, above scripts/.
project=$here/..
shopt -s nocaseglob

(($# > 0)) || { echo "usage: $0 USE... (the uses are in $list)" >&2; exit 2; }
[[ -r $list ]] || { echo "runner: cannot read the list of prerequisites $list" >&2; exit 2; }

# Sets venv to the virtual environment of DIR:MODULE, without a subshell.
environment() {
    venv=${1%%:*}
    [[ $venv == /* ]] || venv=$project/$venv
}
# A pip: package is there when its virtual environment holds the metadata pip
# writes for that version, which a glob finds without starting Python; a path
# must exist; PROGRAM:MODULE must be a module that program imports; a bare
# name is a command.
present() {
    if [[ ${2-} == pip:* ]]; then
        local requirement=${2#pip:} name
        # pip spells NAME as the package's metadata does, - and . as _; the
        # brackets make a pattern of it, which nocaseglob matches in any case.
        name=${requirement%%==*} name=${name//[-.]/_}
        environment "$1"
        compgen -G "$venv/lib/python3*/site-packages/[${name:0:1}]${name:1}-${requirement#*==}.dist-info" >/dev/null
    elif [[ $1 == */* ]]; then [[ -e $1 ]]
    elif [[ $1 == *:* ]]; then command -v "${1%%:*}" >/dev/null && "${1%%:*}" -c "import ${1#*:}" 2>/dev/null
    else command -v "$1" >/dev/null; fi
}
describe() {
    if [[ ${2-} == pip:* ]]; then environment "$1"; echo "the ${1#*:} module in $venv"
    elif [[ $1 == */* ]]; then echo "$1"
    elif [[ $1 == *:* ]]; then echo "the ${1#*:} module of ${1%%:*}"
    else echo "the $1 command"; fi
}
joined() { local all=$1; shift; for item; do all+=", $item"; done; echo "$all"; }

# Fills packages (Debian's) and requirements (PyPI's NAME==VERSION, with their
# virtual environments in venvs and modules in modules) with what the uses $@
# need and is missing; apt_notes and pip_notes with what each is for, notes
# with both and wants with the same without package names; and uses with every
# use the list names.
check() {
    packages=() requirements=() venvs=() modules=() apt_notes=() pip_notes=() wants=() uses=()
    local package needs line_uses use wanted needed_for venv
    # The || keeps a last line that has no newline.
    while read -r package needs line_uses || [[ -n $package ]]; do
        [[ -z $package || $package == \#* ]] && continue
        if [[ $package == pip:* && ( $package != pip:?*==?* || $needs != ?*:?* ) ]]; then
            echo "runner: $list: '$package $needs': a PyPI package is pip:NAME==VERSION and needs DIR:MODULE" >&2
            exit 2
        fi
        needed_for=""
        for use in $line_uses; do
            [[ " ${uses[*]} " == *" $use "* ]] || uses+=("$use")
            for wanted in "$@"; do
                [[ $use == "$wanted" ]] && needed_for+="${needed_for:+ and }$use"
            done
        done
        [[ -n $needed_for ]] && ! present "$needs" "$package" || continue
        if [[ $package == pip:* ]]; then
            environment "$needs"
            requirements+=("${package#pip:}") venvs+=("$venv") modules+=("${needs#*:}")
            pip_notes+=("${package#pip:} from PyPI ($(describe "$needs" "$package"), for $needed_for)")
        else
            packages+=("$package")
            apt_notes+=("$package ($(describe "$needs"), for $needed_for)")
        fi
        wants+=("$(describe "$needs" "$package") (for $needed_for)")
    done <"$list"
    notes=("${apt_notes[@]}" "${pip_notes[@]}")
}

# One command a line for each virtual environment of venvs: make it, unless it
# has a python already, and pip-install its requirements into it.
pip_commands() {
    local venv i line seen=" "
    for venv in "${venvs[@]}"; do
        [[ $seen == *" $venv "* ]] && continue
        seen+="$venv "
        line=""
        [[ -x $venv/bin/python ]] || line="$python -m venv $venv && "
        line+="$venv/bin/python -m pip install"
        for i in "${!venvs[@]}"; do
            [[ ${venvs[i]} == "$venv" ]] && line+=" ${requirements[i]}"
        done
        echo "$line"
    done
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

missing=$((${#packages[@]} + ${#requirements[@]}))
((missing == 0)) && exit 0
them=them && ((missing == 1)) && them=it
# The commands printed or run name virtual environments by their full path,
# which works from any directory.
if ((${#requirements[@]} > 0)); then
    project=$(cd "$project" && pwd)
    check "$@"
fi

if ! command -v apt-get >/dev/null; then
    echo "runner needs: $(joined "${wants[@]}")." >&2
    if ((${#packages[@]} > 0)); then
        echo "This machine has no apt-get: install $them with its package manager (Debian's packages: ${packages[*]})." >&2
    fi
    if ((${#requirements[@]} > 0)); then
        echo "The PyPI packages, with a Python 3 that has venv and pip ($python here):" >&2
        pip_commands >&2
    fi
    exit 1
fi
if ((EUID != 0)); then
    echo "runner needs: $(joined "${notes[@]}")." >&2
    if ((${#packages[@]} > 0)); then
        echo "Install $them with: sudo apt-get install -y ${packages[*]}" >&2
        while read -r command; do echo "then: $command" >&2; done < <(pip_commands)
    else
        while read -r command; do echo "Install $them with: $command" >&2; done < <(pip_commands)
    fi
    exit 1
fi

installed=()
if ((${#packages[@]} > 0)); then
    echo "runner: installing $(joined "${apt_notes[@]}") with apt-get" >&2
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
    installed+=("${packages[@]}")
fi

# pip comes after apt-get, which brings python3-venv to a fresh machine.
if ((${#requirements[@]} > 0)); then
    echo "runner: installing $(joined "${pip_notes[@]}") with pip" >&2
    while read -r command; do
        if ! output=$("$BASH" -c "$command" 2>&1); then
            printf '%s\n' "$output" >&2
            echo "runner: this failed (output above): $command" >&2
            exit 1
        fi
    done < <(pip_commands)
    installed+=("${requirements[@]}")
    # The list's MODULE is checked once here, where Python's start costs nothing
    # beside pip's.
    for i in "${!requirements[@]}"; do
        if ! "${venvs[i]}/bin/python" -c "import ${modules[i]}" 2>/dev/null; then
            echo "runner: installed ${requirements[i]} in ${venvs[i]}, but it has no module ${modules[i]}; is $list right?" >&2
            exit 1
        fi
    done
fi

check "$@"
if ((${#packages[@]} + ${#requirements[@]} > 0)); then
    echo "runner: installed ${installed[*]}, but still missing: $(joined "${notes[@]}"); is $list right?" >&2
    exit 1
fi
