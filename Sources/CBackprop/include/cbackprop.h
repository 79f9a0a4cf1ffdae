#ifndef CBACKPROP_H
#define CBACKPROP_H

#include <stdint.h>

/// Instruction sets this CPU runs and the operating system saves across
/// context switches (bits of `bp_cpu_features`).
enum {
    BP_CPU_AVX2_FMA = 1u << 0,  ///< AVX2 and FMA3, with the ymm state enabled
    BP_CPU_AVX512F = 1u << 1,   ///< AVX-512 Foundation, with the zmm and mask state enabled
};

/// What this CPU offers, from cpuid and xgetbv; 0 on other architectures.
uint32_t bp_cpu_features(void);

#endif
