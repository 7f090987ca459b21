/*-------------------------------------------------------------------------
 *
 * incomestats.h
 *	  The incomestats value as the measures read it: a parsed, validated
 *	  view of the per-unit sufficient statistics (incomestats.c owns the
 *	  type, its text and byte forms and its aggregates; income_measures.c
 *	  the Theil indices and the NSI).
 *
 *-------------------------------------------------------------------------
 */
#ifndef INCOMESTATS_H
#define INCOMESTATS_H

#include "segindex.h"

#define INCOME_KEY_INT 'i'
#define INCOME_KEY_TEXT 't'

/*
 * Quantities that are >= 0 in exact arithmetic are clamped at 0 against
 * rounding; NaN passes through so that overflow is still caught.
 */
static inline double
clamp_nonnegative(double x)
{
	return x < 0 ? 0 : x;
}

typedef struct IncomeKey
{
	int64		ival;			/* integer keys; 0 for text keys */
	const char *str;			/* text keys (not NUL-terminated); NULL for ints */
	int32		len;
} IncomeKey;

/* One unit as stored. */
typedef struct IncomeUnit
{
	IncomeKey	key;
	int64		n;
	int64		nzero;
	int64		nneg;
	double		sum;
	double		sd;				/* population sd, sqrt(sum (y - mean)^2 / n) */
	double		ylny;
	double		lny;
} IncomeUnit;

/* A parsed value: keys point into the value's bytes. */
typedef struct IncomeView
{
	char		kind;
	int			nunits;
	IncomeUnit *units;
} IncomeView;

/* Parses and validates a stored value; errors out on any damage. */
extern void income_parse_varlena(struct varlena *value, IncomeView *view);

/* A unit's own Theil T and L (income_measures.c), under the totals' rules. */
extern double income_unit_theil_t(const IncomeUnit *u);
extern double income_unit_theil_l(const IncomeUnit *u);

#endif							/* INCOMESTATS_H */
