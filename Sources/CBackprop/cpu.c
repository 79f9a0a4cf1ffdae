#include "cbackprop.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static uint64_t enabled_state(void) {
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

uint32_t bp_cpu_features(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int has_fma = (ecx >> 12) & 1, has_osxsave = (ecx >> 27) & 1, has_avx = (ecx >> 28) & 1;
    if (!has_osxsave || !has_avx) return 0;
    const uint64_t state = enabled_state();
    // The OS must save the xmm and ymm halves (bits 1, 2), and for AVX-512 the
    // opmask and both zmm halves (bits 5, 6, 7), or the registers are unusable.
    const int ymm_enabled = (state & 0x6) == 0x6;
    const int zmm_enabled = ymm_enabled && (state & 0xe0) == 0xe0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const int has_avx2 = (ebx >> 5) & 1, has_avx512f = (ebx >> 16) & 1;
    uint32_t features = 0;
    if (ymm_enabled && has_avx2 && has_fma) features |= BP_CPU_AVX2_FMA;
    if (zmm_enabled && has_avx512f) features |= BP_CPU_AVX512F;
    return features;
}
#else
uint32_t bp_cpu_features(void) { return 0; }
#endif
