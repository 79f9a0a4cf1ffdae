#ifndef CBACKPROP_H
#define CBACKPROP_H

#include <stddef.h>
#include <stdint.h>

/// Instruction sets this CPU runs and the operating system saves across
/// context switches (bits of `bp_cpu_features`).
enum {
    BP_CPU_AVX2_FMA = 1u << 0,  ///< AVX2 and FMA3, with the ymm state enabled
    BP_CPU_AVX512F = 1u << 1,   ///< AVX-512 Foundation, with the zmm and mask state enabled
};

/// What this CPU offers, from cpuid and xgetbv; 0 on other architectures.
uint32_t bp_cpu_features(void);

/// The implementations of the kernels. All give the same bits; a variant
/// must only be used on a CPU that runs it (see bp_cpu_features).
typedef enum {
    BP_VARIANT_AVX512 = 0,
    BP_VARIANT_AVX2 = 1,
    BP_VARIANT_PORTABLE = 2,
} bp_variant;

// A network is `sizes[0…depth]`, input first; its parameters lie layer by
// layer as W¹ (sizes[1] × sizes[0], row-major), b¹, W², b², … Scratch memory
// (`bp_scratch_count` reals, 64-byte aligned) holds each layer's activations
// and errors for up to `capacity` rows; every call that takes it is given
// the capacity it was sized for.

/// Reals of scratch memory for up to `capacity` rows (the same for float and double).
size_t bp_scratch_count(const int *sizes, int depth, int capacity);

/// The output layer's activations of row r after a forward pass: `scratch +
/// bp_output_offset(…) + r * bp_row_stride(sizes[depth])`.
size_t bp_output_offset(const int *sizes, int depth, int capacity);
int bp_row_stride(int size);

/// The cost a network minimises; it also chooses the output layer.
typedef enum {
    BP_COST_QUADRATIC = 0,      ///< ½‖a^L − y‖², sigmoid outputs
    BP_COST_CROSS_ENTROPY = 1,  ///< −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], sigmoid outputs
    BP_COST_LOG_LIKELIHOOD = 2, ///< −ln a_y, softmax outputs
} bp_cost;

/// How a network learns, beyond the learning rate.
typedef struct {
    bp_cost cost;
    /// λ/n of L2 regularisation: a step decays each weight by the factor
    /// 1 − η·λ/n, and a gradient gains (λ/n)·W. Biases never decay. 0 is none.
    double l2;
    /// μ of momentum: each parameter carries a velocity v ← μ·v − η·∂C/∂p
    /// and steps by it. 0 is plain gradient descent.
    double momentum;
    /// With momentum, one velocity per parameter in the parameters' layout
    /// (float or double as the kernel), zero before the first step.
    void *velocity;
} bp_rule;

/// Forward pass of `count ≤ capacity` rows, `input` row-major.
void bp_forward_f32(bp_variant variant, const int *sizes, int depth, bp_cost cost, const float *params,
                    const float *input, int count, float *scratch, int capacity);
void bp_forward_f64(bp_variant variant, const int *sizes, int depth, bp_cost cost, const double *params,
                    const double *input, int count, double *scratch, int capacity);

/// Forward and backward pass of one mini-batch of `count ≤ capacity` rows
/// (`inputs[r]` is row r, `labels[r]` its class), then, with `sgd`, the step
/// by η/count under `rule` into `destination` (which may be `params`), or
/// without it the gradient of the mean cost, (1/count)·Σ∂C/∂W (+ (λ/n)·W).
/// Returns the rows' summed cost before the step.
double bp_step_f32(bp_variant variant, const int *sizes, int depth, const bp_rule *rule, const float *params,
                   const float *const *inputs, const uint8_t *labels, int count, double eta, int sgd,
                   float *destination, float *scratch, int capacity);
double bp_step_f64(bp_variant variant, const int *sizes, int depth, const bp_rule *rule, const double *params,
                   const double *const *inputs, const uint8_t *labels, int count, double eta, int sgd,
                   double *destination, double *scratch, int capacity);

/// The summed cost over `count` rows and how many have argmax a^L equal to
/// their label (the first maximum wins), forward in passes of `capacity`.
void bp_evaluate_f32(bp_variant variant, const int *sizes, int depth, bp_cost cost_function, const float *params,
                     const float *input, const uint8_t *labels, int count, float *scratch, int capacity, double *cost,
                     int64_t *correct);
void bp_evaluate_f64(bp_variant variant, const int *sizes, int depth, bp_cost cost_function, const double *params,
                     const double *input, const uint8_t *labels, int count, double *scratch, int capacity,
                     double *cost, int64_t *correct);

/// One epoch of stochastic gradient descent under `rule`: the examples in
/// `order`, in mini-batches of `batch` (the last may be short), each stepping
/// by η over its own size. `rows` is room for 2 × `capacity` pointers and
/// `batch_labels` for `capacity` labels, `capacity ≥ min(batch, count)`.
/// Returns the summed cost of the examples, each measured before its
/// mini-batch's step.
double bp_train_epoch_f32(bp_variant variant, const int *sizes, int depth, const bp_rule *rule, float *params,
                          const float *pixels, const uint8_t *labels, const int64_t *order, int64_t count, int batch,
                          double eta, float *scratch, int capacity, const float **rows, uint8_t *batch_labels);

/// ln x as the kernels compute the costs, for positive normal x.
double bp_natural_log(double x);

/// e^x as the kernels compute σ and the softmax, for x in [−708, 708]
/// (clamped there otherwise).
double bp_exp(double x);

/// σ(z) = 1 / (1 + e^(−z)) of `count` values, as the kernels compute it.
void bp_sigmoid_f32(bp_variant variant, const float *z, float *a, int count);
void bp_sigmoid_f64(bp_variant variant, const double *z, double *a, int count);

#endif
