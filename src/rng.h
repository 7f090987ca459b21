/*-------------------------------------------------------------------------
 *
 * rng.h
 *	  Seeded random numbers for the inference module (METHODOLOGY 6.5, 6.6).
 *
 * xoshiro256** (Blackman & Vigna 2018) with its state filled by splitmix64.
 * Replicate r of seed s has its own stream, seeded from splitmix64 of s and
 * r, so replicate r is the same whatever the number of replicates, the
 * plan or the machine: integer arithmetic only, and the samplers' floating
 * point uses only +, -, *, /, sqrt (correctly rounded everywhere), floor,
 * log and exp (see doc/inference.md on libm).
 *
 *-------------------------------------------------------------------------
 */
#ifndef SEG_RNG_H
#define SEG_RNG_H

#include "postgres.h"

typedef struct SegRng
{
	uint64		s[4];
} SegRng;

/* The stream of replicate replicate under seed seed. */
extern void seg_rng_init(SegRng *rng, int64 seed, int64 replicate);

extern uint64 seg_rng_next(SegRng *rng);

/* Uniform on [0, 1), 53 random bits. */
extern double seg_rng_uniform(SegRng *rng);

/* Uniform integer in [0, n), n >= 1 (no modulo bias). */
extern uint64 seg_rng_below(SegRng *rng, uint64 n);

/* Binomial(n, p), n a non-negative integer-valued double, 0 <= p <= 1. */
extern double seg_rng_binomial(SegRng *rng, double n, double p);

/*
 * Hypergeometric: successes in n draws without replacement from a
 * population of total items of which good are successes (integers).
 */
extern double seg_rng_hypergeometric(SegRng *rng, double n, double good,
									 double total);

/*
 * Multinomial(n; w / sum w) over k categories by conditional binomials;
 * w >= 0, result in out.  O(k) expected time.
 */
extern void seg_rng_multinomial(SegRng *rng, double n, int k, const double *w,
								double *out);

#endif							/* SEG_RNG_H */
