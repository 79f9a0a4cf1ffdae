// A block of 16 lanes in AVX-512 registers: one zmm of floats, two of
// doubles. Every operation computes what block_portable.h defines, lane for
// lane. Included once per scalar type, with `real` and `SFX` defined, inside
// a region compiled for AVX-512F.
#include <immintrin.h>
#include <stdint.h>
#include "naming.h"

#define BLOCK BP_CAT(block_, SFX)
#define B(op) BP_CAT(b_##op##_, SFX)
#define BP_INLINE static inline __attribute__((always_inline))

#if BP_IS_DOUBLE

typedef struct { __m512d lo, hi; } BLOCK;

/// Lanes 0..n-1 of a vector of 8.
BP_INLINE __mmask8 B(mask)(int n) { return n >= 8 ? 0xff : n <= 0 ? 0 : (__mmask8)((1u << n) - 1); }
BP_INLINE BLOCK B(zero)(void) { return (BLOCK){ _mm512_setzero_pd(), _mm512_setzero_pd() }; }
BP_INLINE BLOCK B(set1)(double x) { return (BLOCK){ _mm512_set1_pd(x), _mm512_set1_pd(x) }; }
BP_INLINE BLOCK B(load)(const double *p) { return (BLOCK){ _mm512_loadu_pd(p), _mm512_loadu_pd(p + 8) }; }
BP_INLINE BLOCK B(load_n)(const double *p, int n) {
    return (BLOCK){ _mm512_maskz_loadu_pd(B(mask)(n), p), _mm512_maskz_loadu_pd(B(mask)(n - 8), p + 8) };
}
BP_INLINE void B(store)(double *p, BLOCK a) { _mm512_storeu_pd(p, a.lo); _mm512_storeu_pd(p + 8, a.hi); }
BP_INLINE void B(store_n)(double *p, BLOCK a, int n) {
    _mm512_mask_storeu_pd(p, B(mask)(n), a.lo);
    _mm512_mask_storeu_pd(p + 8, B(mask)(n - 8), a.hi);
}
#define BP_BINARY(name, op) \
    BP_INLINE BLOCK B(name)(BLOCK a, BLOCK b) { return (BLOCK){ op(a.lo, b.lo), op(a.hi, b.hi) }; }
BP_BINARY(add, _mm512_add_pd)
BP_BINARY(sub, _mm512_sub_pd)
BP_BINARY(mul, _mm512_mul_pd)
BP_BINARY(div, _mm512_div_pd)
BP_BINARY(max, _mm512_max_pd)
BP_BINARY(min, _mm512_min_pd)
#undef BP_BINARY
BP_INLINE BLOCK B(fma)(BLOCK a, BLOCK b, BLOCK c) {
    return (BLOCK){ _mm512_fmadd_pd(a.lo, b.lo, c.lo), _mm512_fmadd_pd(a.hi, b.hi, c.hi) };
}
BP_INLINE __m512d B(pow2_half)(__m512d t) {
    __m512i bits = _mm512_castpd_si512(t);
    bits = _mm512_sub_epi64(bits, _mm512_set1_epi64(0x4338000000000000LL - 1023));
    return _mm512_castsi512_pd(_mm512_slli_epi64(bits, 52));
}
BP_INLINE BLOCK B(pow2)(BLOCK t) { return (BLOCK){ B(pow2_half)(t.lo), B(pow2_half)(t.hi) }; }
BP_INLINE double B(reduce)(BLOCK a) {
    __m512d s8 = _mm512_add_pd(a.lo, a.hi);
    __m256d s4 = _mm256_add_pd(_mm512_castpd512_pd256(s8), _mm512_extractf64x4_pd(s8, 1));
    __m128d s2 = _mm_add_pd(_mm256_castpd256_pd128(s4), _mm256_extractf128_pd(s4, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s2, _mm_unpackhi_pd(s2, s2)));
}

#else

typedef __m512 BLOCK;

BP_INLINE __mmask16 B(mask)(int n) { return n >= 16 ? 0xffff : (__mmask16)((1u << n) - 1); }
BP_INLINE BLOCK B(zero)(void) { return _mm512_setzero_ps(); }
BP_INLINE BLOCK B(set1)(float x) { return _mm512_set1_ps(x); }
BP_INLINE BLOCK B(load)(const float *p) { return _mm512_loadu_ps(p); }
BP_INLINE BLOCK B(load_n)(const float *p, int n) { return _mm512_maskz_loadu_ps(B(mask)(n), p); }
BP_INLINE void B(store)(float *p, BLOCK a) { _mm512_storeu_ps(p, a); }
BP_INLINE void B(store_n)(float *p, BLOCK a, int n) { _mm512_mask_storeu_ps(p, B(mask)(n), a); }
BP_INLINE BLOCK B(add)(BLOCK a, BLOCK b) { return _mm512_add_ps(a, b); }
BP_INLINE BLOCK B(sub)(BLOCK a, BLOCK b) { return _mm512_sub_ps(a, b); }
BP_INLINE BLOCK B(mul)(BLOCK a, BLOCK b) { return _mm512_mul_ps(a, b); }
BP_INLINE BLOCK B(div)(BLOCK a, BLOCK b) { return _mm512_div_ps(a, b); }
BP_INLINE BLOCK B(max)(BLOCK a, BLOCK b) { return _mm512_max_ps(a, b); }
BP_INLINE BLOCK B(min)(BLOCK a, BLOCK b) { return _mm512_min_ps(a, b); }
BP_INLINE BLOCK B(fma)(BLOCK a, BLOCK b, BLOCK c) { return _mm512_fmadd_ps(a, b, c); }
BP_INLINE BLOCK B(pow2)(BLOCK t) {
    __m512i bits = _mm512_sub_epi32(_mm512_castps_si512(t), _mm512_set1_epi32(0x4B400000 - 127));
    return _mm512_castsi512_ps(_mm512_slli_epi32(bits, 23));
}
BP_INLINE float B(reduce)(BLOCK a) {
    __m256 lo = _mm512_castps512_ps256(a);
    __m256 hi = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(a), 1));
    __m256 s8 = _mm256_add_ps(lo, hi);
    __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
    __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
    return _mm_cvtss_f32(_mm_add_ss(s2, _mm_movehdup_ps(s2)));
}

#endif
