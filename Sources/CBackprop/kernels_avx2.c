// The kernels for the avx2 variant: kernels.inc on block_avx2.h, in single and
// double precision.
#pragma STDC FP_CONTRACT OFF
#include "cbackprop.h"

#if defined(__x86_64__)
#include <immintrin.h>
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

#define VARIANT avx2

#define real float
#define SFX f32
#define BP_IS_DOUBLE 0
#define DOT_ROWS 5
#define DOT_COLS 1
#define DOT_COLS_SINGLE 6
#define UPDATE_ROWS 5
#define UPDATE_BLOCKS 1
#define FUSED_ROWS 3
#include "block_avx2.h"
#include "kernels.inc"
#include "tiles_undef.h"

#define real double
#define SFX f64
#define BP_IS_DOUBLE 1
#define DOT_ROWS 2
#define DOT_COLS 1
#define DOT_COLS_SINGLE 2
#define UPDATE_ROWS 1
#define FUSED_ROWS 4
#define UPDATE_BLOCKS 2
#include "block_avx2.h"
#include "kernels.inc"
#include "tiles_undef.h"

#pragma clang attribute pop
#endif
