// Calls into the variant asked for. A variant this CPU lacks, or one not
// built for this architecture, falls back to portable: the bits are the
// same, so only speed could differ, and the Swift side never asks for one.
#include "cbackprop.h"
#include "natural_log.h"

#define BP_DECLARE(variant)                                                                                   \
    size_t bp_scratch_count_f32_##variant(const int *, int, int);                                            \
    void bp_forward_f32_##variant(const int *, int, bp_cost, const float *, const float *, int, float *, int); \
    void bp_forward_f64_##variant(const int *, int, bp_cost, const double *, const double *, int, double *,   \
                                  int);                                                                      \
    double bp_step_f32_##variant(const int *, int, const bp_rule *, const float *, const float *const *,     \
                                 const uint8_t *, int, double, int, float *, float *, int);                  \
    double bp_step_f64_##variant(const int *, int, const bp_rule *, const double *, const double *const *,   \
                                 const uint8_t *, int, double, int, double *, double *, int);                \
    void bp_evaluate_f32_##variant(const int *, int, bp_cost, const float *, const float *, const uint8_t *, \
                                   int, float *, int, double *, int64_t *);                                  \
    void bp_evaluate_f64_##variant(const int *, int, bp_cost, const double *, const double *,                \
                                   const uint8_t *, int, double *, int, double *, int64_t *);                \
    double bp_train_epoch_f32_##variant(const int *, int, const bp_rule *, float *, const float *,           \
                                        const uint8_t *, const int64_t *, int64_t, int, double, float *, int, \
                                        const float **, uint8_t *);                                          \
    void bp_sigmoid_f32_##variant(const float *, float *, int);                                              \
    void bp_sigmoid_f64_##variant(const double *, double *, int);                                            \
    void bp_exp_f64_##variant(const double *, double *, int);

BP_DECLARE(portable)
#if defined(__x86_64__)
BP_DECLARE(avx512)
BP_DECLARE(avx2)
#define BP_DISPATCH(name, ...)                                                 \
    switch (variant) {                                                         \
    case BP_VARIANT_AVX512: return name##_avx512(__VA_ARGS__);                 \
    case BP_VARIANT_AVX2: return name##_avx2(__VA_ARGS__);                     \
    default: return name##_portable(__VA_ARGS__);                              \
    }
#else
#define BP_DISPATCH(name, ...) return name##_portable(__VA_ARGS__);
#endif

size_t bp_scratch_count(const int *sizes, int depth, int capacity) {
    return bp_scratch_count_f32_portable(sizes, depth, capacity);
}

int bp_row_stride(int size) { return (size + 15) & ~15; }

size_t bp_output_offset(const int *sizes, int depth, int capacity) {
    return bp_scratch_count(sizes, depth - 1, capacity);
}

void bp_forward_f32(bp_variant variant, const int *sizes, int depth, bp_cost cost, const float *params,
                    const float *input, int count, float *scratch, int capacity) {
    BP_DISPATCH(bp_forward_f32, sizes, depth, cost, params, input, count, scratch, capacity)
}

void bp_forward_f64(bp_variant variant, const int *sizes, int depth, bp_cost cost, const double *params,
                    const double *input, int count, double *scratch, int capacity) {
    BP_DISPATCH(bp_forward_f64, sizes, depth, cost, params, input, count, scratch, capacity)
}

double bp_step_f32(bp_variant variant, const int *sizes, int depth, const bp_rule *rule, const float *params,
                   const float *const *inputs, const uint8_t *labels, int count, double eta, int sgd,
                   float *destination, float *scratch, int capacity) {
    BP_DISPATCH(bp_step_f32, sizes, depth, rule, params, inputs, labels, count, eta, sgd, destination, scratch,
                capacity)
}

double bp_step_f64(bp_variant variant, const int *sizes, int depth, const bp_rule *rule, const double *params,
                   const double *const *inputs, const uint8_t *labels, int count, double eta, int sgd,
                   double *destination, double *scratch, int capacity) {
    BP_DISPATCH(bp_step_f64, sizes, depth, rule, params, inputs, labels, count, eta, sgd, destination, scratch,
                capacity)
}

void bp_evaluate_f32(bp_variant variant, const int *sizes, int depth, bp_cost cost_function, const float *params,
                     const float *input, const uint8_t *labels, int count, float *scratch, int capacity, double *cost,
                     int64_t *correct) {
    BP_DISPATCH(bp_evaluate_f32, sizes, depth, cost_function, params, input, labels, count, scratch, capacity, cost,
                correct)
}

void bp_evaluate_f64(bp_variant variant, const int *sizes, int depth, bp_cost cost_function, const double *params,
                     const double *input, const uint8_t *labels, int count, double *scratch, int capacity,
                     double *cost, int64_t *correct) {
    BP_DISPATCH(bp_evaluate_f64, sizes, depth, cost_function, params, input, labels, count, scratch, capacity, cost,
                correct)
}

double bp_train_epoch_f32(bp_variant variant, const int *sizes, int depth, const bp_rule *rule, float *params,
                          const float *pixels, const uint8_t *labels, const int64_t *order, int64_t count, int batch,
                          double eta, float *scratch, int capacity, const float **rows, uint8_t *batch_labels) {
    BP_DISPATCH(bp_train_epoch_f32, sizes, depth, rule, params, pixels, labels, order, count, batch, eta, scratch,
                capacity, rows, batch_labels)
}

void bp_sigmoid_f32(bp_variant variant, const float *z, float *a, int count) {
    BP_DISPATCH(bp_sigmoid_f32, z, a, count)
}

void bp_sigmoid_f64(bp_variant variant, const double *z, double *a, int count) {
    BP_DISPATCH(bp_sigmoid_f64, z, a, count)
}

double bp_natural_log(double x) { return bp_natural_log_inline(x); }

// The portable variant's, whose fma is libm's, correctly rounded by IEEE 754,
// so it gives the bits the vector variants give.
double bp_exp(double x) {
    double y;
    bp_exp_f64_portable(&x, &y, 1);
    return y;
}
