// ln x in double precision, written out for the same reason as e^x in
// kernel_sigmoid.inc: libm's last bit differs between platforms. The costs
// of cross-entropy and log-likelihood networks are sums of these.
#ifndef BP_NATURAL_LOG_H
#define BP_NATURAL_LOG_H

#include <stdint.h>
#include <string.h>

/// ln x for positive finite normal x, by fdlibm's method: x = 2^k·m with
/// √2/2 < m ≤ √2, s = (m − 1)/(m + 1), ln m = 2 atanh s by its odd series to
/// s^23 (below 2^-58 relative for |s| < 0.172), and ln 2 in two parts so
/// that k·ln2_hi is exact. Within 1 ulp of glibc's log. NaN and +∞ are
/// returned as they are.
static inline double bp_natural_log_inline(double x) {
    if (x != x || x > 0x1.fffffffffffffp1023) return x;
    uint64_t bits;
    memcpy(&bits, &x, 8);
    double k = (double)((int)((bits >> 52) & 0x7ff) - 1023);
    bits = (bits & UINT64_C(0x000fffffffffffff)) | UINT64_C(0x3ff0000000000000);
    double m;
    memcpy(&m, &bits, 8);
    if (m > 0x1.6a09e667f3bcdp0) {
        m *= 0.5;
        k += 1;
    }
    const double f = m - 1, halfSquare = 0.5 * f * f, s = f / (2 + f), z = s * s;
    // 2/23, 2/21, …, 2/3, each rounded once (here by the compiler, as IEEE division would).
    static const double coefficients[] = { 2.0 / 23, 2.0 / 21, 2.0 / 19, 2.0 / 17, 2.0 / 15, 2.0 / 13,
                                           2.0 / 11, 2.0 / 9,  2.0 / 7,  2.0 / 5,  2.0 / 3 };
    double r = coefficients[0];
    for (int i = 1; i < 11; i++) r = r * z + coefficients[i];
    r *= z;
    const double ln2_hi = 0x1.62e42fee00000p-1, ln2_lo = 0x1.a39ef35793c76p-33;
    return k * ln2_hi - ((halfSquare - (s * (halfSquare + r) + k * ln2_lo)) - f);
}

#endif
