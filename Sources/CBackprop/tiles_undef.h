// Ends one scalar type's pass through kernels.inc, so the next can define its own.
#undef real
#undef SFX
#undef BP_IS_DOUBLE
#undef BLOCK
#undef B
#undef BP_INLINE
#undef DOT_ROWS
#undef DOT_COLS
#undef DOT_COLS_SINGLE
#undef UPDATE_ROWS
#undef UPDATE_BLOCKS
#undef FUSED_ROWS
