#!/usr/bin/env bash
# The kernels give the same bits on every CPU: this builds a small harness
# (Tests/CrossCheck/crosscheck.c) twice, for this x86-64 machine with the
# Swift toolchain's clang and for arm64 with Debian's cross gcc, trains four
# networks for two epochs on real MNIST with every variant this CPU runs and,
# under qemu, with the portable variant on arm64, and compares every number.
#   scripts/crosscheck.sh        (make crosscheck; packages: scripts/prerequisites.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(uname -m) == x86_64 ]] || { echo "crosscheck: runs on x86-64 hosts only (it emulates arm64)" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
gzip -dc data/mnist/train-images-idx3-ubyte.gz >"$scratch/images"
gzip -dc data/mnist/train-labels-idx1-ubyte.gz >"$scratch/labels"

sources=(Sources/CBackprop/*.c Tests/CrossCheck/crosscheck.c)
clang=$(dirname "$(readlink -f "$(command -v "${SWIFT:-swift}")")")/clang
"$clang" -O2 -ffp-contract=off -ISources/CBackprop/include "${sources[@]}" -o "$scratch/x86-64" -lm
# gcc warns that it ignores the clang pragmas of the x86 files, which arm64 does not compile.
aarch64-linux-gnu-gcc -O2 -ffp-contract=off -static -w -ISources/CBackprop/include "${sources[@]}" -o "$scratch/arm64" -lm

flags=$(grep -m1 '^flags' /proc/cpuinfo)
variants=()
[[ $flags == *" avx512f "* ]] && variants+=(avx512)
[[ $flags == *" avx2 "* && $flags == *" fma "* ]] && variants+=(avx2)
variants+=(portable)

"$scratch/x86-64" "$scratch/images" "$scratch/labels" "${variants[@]}" >"$scratch/x86-64.txt"
qemu-aarch64 "$scratch/arm64" "$scratch/images" "$scratch/labels" portable >"$scratch/arm64.txt"

# Every x86-64 variant's lines must be arm64's, but for the variant's name.
reference=$(cut -d' ' -f2- "$scratch/arm64.txt")
differences=0
for variant in "${variants[@]}"; do
    if ! diff <(echo "$reference") <(grep "^$variant " "$scratch/x86-64.txt" | cut -d' ' -f2-) >"$scratch/diff"; then
        echo "crosscheck: x86-64 $variant differs from arm64 portable:"
        cat "$scratch/diff"
        differences=1
    fi
done
sed "s/^/arm64 /" "$scratch/arm64.txt"
((differences == 0)) || exit 1
echo "identical bits: x86-64 (clang) ${variants[*]} and arm64 (gcc, under qemu) portable, $(wc -l <"$scratch/arm64.txt") networks x 2 epochs"
