// A block of 16 lanes in AVX2 registers: two ymm of floats, four of doubles.
// Every operation computes what block_portable.h defines, lane for lane.
// Included once per scalar type, with `real` and `SFX` defined, inside a
// region compiled for AVX2 and FMA.
#include <immintrin.h>
#include <stdint.h>
#include "naming.h"

#define BLOCK BP_CAT(block_, SFX)
#define B(op) BP_CAT(b_##op##_, SFX)
#define BP_INLINE static inline __attribute__((always_inline))

#if BP_IS_DOUBLE

typedef struct { __m256d v[4]; } BLOCK;

/// A maskload/maskstore mask for lanes 0..n-1 of a vector of 4.
BP_INLINE __m256i B(mask)(int n) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_setr_epi64x(0, 1, 2, 3));
}
#define BP_EACH(body) for (int q = 0; q < 4; q++) { body; }
BP_INLINE BLOCK B(zero)(void) { BLOCK r; BP_EACH(r.v[q] = _mm256_setzero_pd()); return r; }
BP_INLINE BLOCK B(set1)(double x) { BLOCK r; BP_EACH(r.v[q] = _mm256_set1_pd(x)); return r; }
BP_INLINE BLOCK B(load)(const double *p) { BLOCK r; BP_EACH(r.v[q] = _mm256_loadu_pd(p + 4 * q)); return r; }
BP_INLINE BLOCK B(load_n)(const double *p, int n) {
    BLOCK r; BP_EACH(r.v[q] = _mm256_maskload_pd(p + 4 * q, B(mask)(n - 4 * q))); return r;
}
BP_INLINE void B(store)(double *p, BLOCK a) { BP_EACH(_mm256_storeu_pd(p + 4 * q, a.v[q])); }
BP_INLINE void B(store_n)(double *p, BLOCK a, int n) { BP_EACH(_mm256_maskstore_pd(p + 4 * q, B(mask)(n - 4 * q), a.v[q])); }
#define BP_BINARY(name, op) \
    BP_INLINE BLOCK B(name)(BLOCK a, BLOCK b) { BLOCK r; BP_EACH(r.v[q] = op(a.v[q], b.v[q])); return r; }
BP_BINARY(add, _mm256_add_pd)
BP_BINARY(sub, _mm256_sub_pd)
BP_BINARY(mul, _mm256_mul_pd)
BP_BINARY(div, _mm256_div_pd)
BP_BINARY(max, _mm256_max_pd)
BP_BINARY(min, _mm256_min_pd)
#undef BP_BINARY
BP_INLINE BLOCK B(fma)(BLOCK a, BLOCK b, BLOCK c) { BLOCK r; BP_EACH(r.v[q] = _mm256_fmadd_pd(a.v[q], b.v[q], c.v[q])); return r; }
BP_INLINE BLOCK B(pow2)(BLOCK t) {
    BLOCK r;
    BP_EACH(r.v[q] = _mm256_castsi256_pd(_mm256_slli_epi64(
        _mm256_sub_epi64(_mm256_castpd_si256(t.v[q]), _mm256_set1_epi64x(0x4338000000000000LL - 1023)), 52)));
    return r;
}
#undef BP_EACH
BP_INLINE double B(reduce)(BLOCK a) {
    // Distance 8: lanes 0–7 (v[0], v[1]) plus lanes 8–15 (v[2], v[3]).
    __m256d s8a = _mm256_add_pd(a.v[0], a.v[2]), s8b = _mm256_add_pd(a.v[1], a.v[3]);
    __m256d s4 = _mm256_add_pd(s8a, s8b);
    __m128d s2 = _mm_add_pd(_mm256_castpd256_pd128(s4), _mm256_extractf128_pd(s4, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s2, _mm_unpackhi_pd(s2, s2)));
}

#else

typedef struct { __m256 lo, hi; } BLOCK;

/// A maskload/maskstore mask for lanes 0..n-1 of a vector of 8.
BP_INLINE __m256i B(mask)(int n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
BP_INLINE BLOCK B(zero)(void) { return (BLOCK){ _mm256_setzero_ps(), _mm256_setzero_ps() }; }
BP_INLINE BLOCK B(set1)(float x) { return (BLOCK){ _mm256_set1_ps(x), _mm256_set1_ps(x) }; }
BP_INLINE BLOCK B(load)(const float *p) { return (BLOCK){ _mm256_loadu_ps(p), _mm256_loadu_ps(p + 8) }; }
BP_INLINE BLOCK B(load_n)(const float *p, int n) {
    return (BLOCK){ _mm256_maskload_ps(p, B(mask)(n)), _mm256_maskload_ps(p + 8, B(mask)(n - 8)) };
}
BP_INLINE void B(store)(float *p, BLOCK a) { _mm256_storeu_ps(p, a.lo); _mm256_storeu_ps(p + 8, a.hi); }
BP_INLINE void B(store_n)(float *p, BLOCK a, int n) {
    _mm256_maskstore_ps(p, B(mask)(n), a.lo);
    _mm256_maskstore_ps(p + 8, B(mask)(n - 8), a.hi);
}
#define BP_BINARY(name, op) \
    BP_INLINE BLOCK B(name)(BLOCK a, BLOCK b) { return (BLOCK){ op(a.lo, b.lo), op(a.hi, b.hi) }; }
BP_BINARY(add, _mm256_add_ps)
BP_BINARY(sub, _mm256_sub_ps)
BP_BINARY(mul, _mm256_mul_ps)
BP_BINARY(div, _mm256_div_ps)
BP_BINARY(max, _mm256_max_ps)
BP_BINARY(min, _mm256_min_ps)
#undef BP_BINARY
BP_INLINE BLOCK B(fma)(BLOCK a, BLOCK b, BLOCK c) {
    return (BLOCK){ _mm256_fmadd_ps(a.lo, b.lo, c.lo), _mm256_fmadd_ps(a.hi, b.hi, c.hi) };
}
BP_INLINE __m256 B(pow2_half)(__m256 t) {
    __m256i bits = _mm256_sub_epi32(_mm256_castps_si256(t), _mm256_set1_epi32(0x4B400000 - 127));
    return _mm256_castsi256_ps(_mm256_slli_epi32(bits, 23));
}
BP_INLINE BLOCK B(pow2)(BLOCK t) { return (BLOCK){ B(pow2_half)(t.lo), B(pow2_half)(t.hi) }; }
BP_INLINE float B(reduce)(BLOCK a) {
    __m256 s8 = _mm256_add_ps(a.lo, a.hi);
    __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
    __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
    return _mm_cvtss_f32(_mm_add_ss(s2, _mm_movehdup_ps(s2)));
}

#endif
