// The kernels for the portable variant: kernels.inc on block_portable.h, in single and
// double precision.
#pragma STDC FP_CONTRACT OFF
#include "cbackprop.h"


#define VARIANT portable

#define real float
#define SFX f32
#define BP_IS_DOUBLE 0
#define DOT_ROWS 2
#define DOT_COLS 2
#define DOT_COLS_SINGLE 4
#define UPDATE_ROWS 2
#define FUSED_ROWS 4
#define UPDATE_BLOCKS 2
#include "block_portable.h"
#include "kernels.inc"
#include "tiles_undef.h"

#define real double
#define SFX f64
#define BP_IS_DOUBLE 1
#define DOT_ROWS 2
#define DOT_COLS 2
#define DOT_COLS_SINGLE 4
#define UPDATE_ROWS 2
#define FUSED_ROWS 4
#define UPDATE_BLOCKS 2
#include "block_portable.h"
#include "kernels.inc"
#include "tiles_undef.h"


