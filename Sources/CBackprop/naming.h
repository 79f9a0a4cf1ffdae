// Token pasting for the kernel sources, which are compiled once per
// instruction set and scalar type from one text (see kernels.inc).
#ifndef CBACKPROP_NAMING_H
#define CBACKPROP_NAMING_H

#define BP_CAT_(a, b) a##b
#define BP_CAT(a, b) BP_CAT_(a, b)

#endif
