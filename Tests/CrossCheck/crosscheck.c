// Trains small networks with the kernels and prints a fingerprint of every
// number they produce, so that two builds (two compilers, two instruction
// sets, x86-64 and arm64) can be compared line for line.
//
//   crosscheck IMAGES LABELS VARIANT...     (uncompressed MNIST IDX files)
//
// The initial parameters come from an integer generator and exact float
// operations, so they are the same everywhere; so is the order of the
// examples. Each line: network, batch, cost, λ/n and μ, then per epoch the
// bits of the training cost and of the test cost, the correct count, and a
// 64-bit FNV-1a hash of the parameters' (and velocities') bytes.
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cbackprop.h"

static uint64_t state = 0x9E3779B97F4A7C15u;
static uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/// Uniform in [-1, 1): a 24-bit integer made exact in float, then scaled by powers of two.
static float uniform(void) { return (float)(int32_t)(next() >> 40) * 0x1p-23f - 1.0f; }

static uint64_t fnv(const void *bytes, size_t count) {
    uint64_t hash = 0xcbf29ce484222325u;
    for (size_t i = 0; i < count; i++) hash = (hash ^ ((const unsigned char *)bytes)[i]) * 0x100000001b3u;
    return hash;
}

static unsigned char *read_file(const char *path, size_t skip, size_t count) {
    FILE *file = fopen(path, "rb");
    unsigned char *bytes = malloc(count);
    if (!file || fseek(file, (long)skip, SEEK_SET) != 0 || fread(bytes, 1, count, file) != count) {
        fprintf(stderr, "crosscheck: cannot read %zu bytes of %s\n", count, path);
        exit(2);
    }
    fclose(file);
    return bytes;
}

static void *aligned(size_t bytes) {
    void *memory = 0;
    if (posix_memalign(&memory, 64, bytes ? bytes : 64) != 0) exit(2);
    return memory;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: crosscheck IMAGES LABELS avx512|avx2|portable...\n");
        return 2;
    }
    enum { train = 1003, test = 500, features = 784 };
    const unsigned char *pixelBytes = read_file(argv[1], 16, (size_t)(train + test) * features);
    const unsigned char *labels = read_file(argv[2], 8, train + test);
    float *pixels = aligned(sizeof(float) * (train + test) * features);
    for (size_t i = 0; i < (size_t)(train + test) * features; i++) pixels[i] = (float)pixelBytes[i] / 255.0f;

    // The chapter-1 networks, then each option of chapter 3: the costs (softmax with the
    // log-likelihood), L2 decay and momentum, on the batched and the per-example paths.
    struct { int sizes[4], depth, batch; bp_cost cost; double l2, momentum, eta; } cases[] = {
        { { 784, 30, 10 }, 2, 10, BP_COST_QUADRATIC, 0, 0, 3 },
        { { 784, 47, 23, 10 }, 3, 7, BP_COST_QUADRATIC, 0, 0, 3 },
        { { 784, 30, 10 }, 2, 1, BP_COST_QUADRATIC, 0, 0, 3 },
        { { 784, 100, 10 }, 2, 10, BP_COST_QUADRATIC, 0, 0, 3 },
        { { 784, 30, 10 }, 2, 10, BP_COST_CROSS_ENTROPY, 5.0 / train, 0, 0.5 },
        { { 784, 47, 23, 10 }, 3, 7, BP_COST_LOG_LIKELIHOOD, 0, 0.5, 0.1 },
        { { 784, 30, 10 }, 2, 1, BP_COST_CROSS_ENTROPY, 5.0 / train, 0.3, 0.1 },
        { { 784, 30, 10 }, 2, 1, BP_COST_LOG_LIKELIHOOD, 0, 0, 0.1 },
    };
    for (int v = 3; v < argc; v++) {
        const bp_variant variant = !strcmp(argv[v], "avx512") ? BP_VARIANT_AVX512
            : !strcmp(argv[v], "avx2") ? BP_VARIANT_AVX2 : BP_VARIANT_PORTABLE;
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            const int *sizes = cases[c].sizes, depth = cases[c].depth, batch = cases[c].batch;
            state = 0x9E3779B97F4A7C15u;
            size_t count = 0;
            for (int l = 1; l <= depth; l++) count += (size_t)sizes[l] * (sizes[l - 1] + 1);
            // Parameters, then their velocities.
            float *params = aligned(2 * sizeof(float) * count);
            for (size_t i = 0; i < count; i++) params[i] = uniform();
            memset(params + count, 0, sizeof(float) * count);
            const bp_rule rule = { cases[c].cost, cases[c].l2, cases[c].momentum,
                                   cases[c].momentum > 0 ? params + count : 0 };
            int64_t order[train];
            for (int i = 0; i < train; i++) order[i] = i;
            const int capacity = batch < 500 ? batch : 500;
            float *scratch = aligned(sizeof(float) * bp_scratch_count(sizes, depth, 500));
            const float **rows = malloc(2 * sizeof(float *) * capacity);
            uint8_t *batchLabels = malloc(capacity);
            printf("%s [%d", argv[v], sizes[0]);
            for (int l = 1; l <= depth; l++) printf(",%d", sizes[l]);
            printf("] batch %d cost %d l2 %a momentum %a:", batch, (int)cases[c].cost, cases[c].l2, cases[c].momentum);
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int i = train - 1; i > 0; i--) {
                    const int j = (int)(next() % (uint64_t)(i + 1));
                    const int64_t swap = order[i];
                    order[i] = order[j];
                    order[j] = swap;
                }
                const double cost = bp_train_epoch_f32(variant, sizes, depth, &rule, params, pixels, labels, order,
                                                       train, batch, cases[c].eta, scratch, capacity, rows,
                                                       batchLabels);
                double testCost;
                int64_t correct;
                bp_evaluate_f32(variant, sizes, depth, cases[c].cost, params, pixels + (size_t)train * features,
                                labels + train, test, scratch, 500, &testCost, &correct);
                uint64_t costBits, testBits;
                memcpy(&costBits, &cost, 8);
                memcpy(&testBits, &testCost, 8);
                printf(" %016" PRIx64 " %016" PRIx64 " %" PRId64 " %016" PRIx64, costBits, testBits, correct,
                       fnv(params, 2 * sizeof(float) * count));
            }
            printf("\n");
            free(params);
            free(scratch);
            free(rows);
            free(batchLabels);
        }
    }
    return 0;
}
