// The kernels for the avx512 variant: kernels.inc on block_avx512.h, in single and
// double precision.
#pragma STDC FP_CONTRACT OFF
#include "cbackprop.h"

#if defined(__x86_64__)
#include <immintrin.h>
#pragma clang attribute push(__attribute__((target("avx512f,avx2,fma"))), apply_to = function)

#define VARIANT avx512

#define real float
#define SFX f32
#define BP_IS_DOUBLE 0
#define DOT_ROWS 10
#define DOT_COLS 2
#define DOT_COLS_SINGLE 8
#define UPDATE_ROWS 3
#define UPDATE_BLOCKS 7
#define FUSED_ROWS 8
#include "block_avx512.h"
#include "kernels.inc"
#include "tiles_undef.h"

#define real double
#define SFX f64
#define BP_IS_DOUBLE 1
#define DOT_ROWS 2
#define DOT_COLS 4
#define DOT_COLS_SINGLE 4
#define UPDATE_ROWS 2
#define FUSED_ROWS 8
#define UPDATE_BLOCKS 3
#include "block_avx512.h"
#include "kernels.inc"
#include "tiles_undef.h"

#pragma clang attribute pop
#endif
