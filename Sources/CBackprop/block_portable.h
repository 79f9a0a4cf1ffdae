// A block of 16 lanes as plain C: the reference for what every operation of
// the vector variants computes. Included once per scalar type, with `real`
// and `SFX` (f32 or f64) defined.
//
// A block is the unit of every sum along a row: a dot product of n terms is
// 16 partial sums, lane i taking the terms k ≡ i (mod 16) in increasing k,
// then folded by `reduce`. The vector variants hold a block in one or more
// registers and so perform exactly these operations, in this order.
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "naming.h"

#define BLOCK BP_CAT(block_, SFX)
#define B(op) BP_CAT(b_##op##_, SFX)

typedef struct { real v[16]; } BLOCK;

#define BP_EACH(body) for (int i = 0; i < 16; i++) { body; }

static inline BLOCK B(zero)(void) { BLOCK r; BP_EACH(r.v[i] = 0); return r; }
static inline BLOCK B(set1)(real x) { BLOCK r; BP_EACH(r.v[i] = x); return r; }
static inline BLOCK B(load)(const real *p) { BLOCK r; BP_EACH(r.v[i] = p[i]); return r; }
/// The first n lanes from p, the rest zero (the tail of a row).
static inline BLOCK B(load_n)(const real *p, int n) { BLOCK r; BP_EACH(r.v[i] = i < n ? p[i] : 0); return r; }
static inline void B(store)(real *p, BLOCK a) { BP_EACH(p[i] = a.v[i]); }
static inline void B(store_n)(real *p, BLOCK a, int n) { for (int i = 0; i < n; i++) p[i] = a.v[i]; }
static inline BLOCK B(add)(BLOCK a, BLOCK b) { BLOCK r; BP_EACH(r.v[i] = a.v[i] + b.v[i]); return r; }
static inline BLOCK B(sub)(BLOCK a, BLOCK b) { BLOCK r; BP_EACH(r.v[i] = a.v[i] - b.v[i]); return r; }
static inline BLOCK B(mul)(BLOCK a, BLOCK b) { BLOCK r; BP_EACH(r.v[i] = a.v[i] * b.v[i]); return r; }
static inline BLOCK B(div)(BLOCK a, BLOCK b) { BLOCK r; BP_EACH(r.v[i] = a.v[i] / b.v[i]); return r; }
/// a·b + c rounded once.
#if BP_IS_DOUBLE
static inline BLOCK B(fma)(BLOCK a, BLOCK b, BLOCK c) { BLOCK r; BP_EACH(r.v[i] = fma(a.v[i], b.v[i], c.v[i])); return r; }
#else
static inline BLOCK B(fma)(BLOCK a, BLOCK b, BLOCK c) { BLOCK r; BP_EACH(r.v[i] = fmaf(a.v[i], b.v[i], c.v[i])); return r; }
#endif
/// a > b ? a : b, lane by lane: b when either is NaN, as x86's max does.
static inline BLOCK B(max)(BLOCK a, BLOCK b) { BLOCK r; BP_EACH(r.v[i] = a.v[i] > b.v[i] ? a.v[i] : b.v[i]); return r; }
/// a < b ? a : b, lane by lane: b when either is NaN, as x86's min does.
static inline BLOCK B(min)(BLOCK a, BLOCK b) { BLOCK r; BP_EACH(r.v[i] = a.v[i] < b.v[i] ? a.v[i] : b.v[i]); return r; }

/// 2^n for blocks holding `magic + n` (see exp in kernels.inc), built from the
/// bits, so exactly.
#if BP_IS_DOUBLE
static inline BLOCK B(pow2)(BLOCK t) {
    BLOCK r;
    for (int i = 0; i < 16; i++) {
        uint64_t bits; memcpy(&bits, &t.v[i], 8);
        bits = (bits - UINT64_C(0x4338000000000000) + 1023) << 52;
        memcpy(&r.v[i], &bits, 8);
    }
    return r;
}
#else
static inline BLOCK B(pow2)(BLOCK t) {
    BLOCK r;
    for (int i = 0; i < 16; i++) {
        uint32_t bits; memcpy(&bits, &t.v[i], 4);
        bits = (bits - UINT32_C(0x4B400000) + 127) << 23;
        memcpy(&r.v[i], &bits, 4);
    }
    return r;
}
#endif

/// The sum of the 16 lanes, folded pairwise at distances 8, 4, 2, 1.
static inline real B(reduce)(BLOCK a) {
    for (int width = 8; width >= 1; width /= 2)
        for (int i = 0; i < width; i++) a.v[i] = a.v[i] + a.v[i + width];
    return a.v[0];
}

#undef BP_EACH
