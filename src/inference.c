/*-------------------------------------------------------------------------
 *
 * inference.c
 *	  Seeded bootstrap and null models of a segtable (METHODOLOGY 6.5,
 *	  6.6; peers: R segregation's bootstrap and mutual_expected, PySAL's
 *	  inference/randomization.py).
 *
 * Every function takes (reps, seed); replicate r draws from its own
 * stream seg_rng_init(seed, r) (rng.h), so results do not depend on the
 * number of replicates, the plan or the machine.  Tables are read and
 * written as compressed rows: time and memory per replicate grow with the
 * non-zero cells (the evenness, systematic and permutation models produce
 * tables that may fill every unit x group cell: that is their output).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "decompose.h"
#include "rng.h"
#include "segindex.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(seg_bootstrap);
PG_FUNCTION_INFO_V1(seg_bootstrap_summary);
PG_FUNCTION_INFO_V1(seg_null_tables);
PG_FUNCTION_INFO_V1(seg_mutual_expected);

#define MAX_EXACT_INTEGER 9007199254740992.0	/* 2^53 */
#define MAX_REPS 10000000		/* the summaries keep one double per replicate */

typedef enum NullModel
{
	NULL_BOOTSTRAP,				/* persons from the cell multinomial */
	NULL_EVENNESS,
	NULL_SYSTEMATIC,
	NULL_PERMUTATION,
	NULL_UNIT_BOOTSTRAP,
	NULL_GEOGRAPHIC
} NullModel;

/* A drawn table: t's keys (unit keys replaced for some models), new cells. */
typedef struct Draw
{
	int			nunits;
	char	  **unit_keys;
	SegKeyKind	unit_kind;
	int			ncells;
	int			cap;
	int32	   *unit_start;
	int32	   *cell_group;
	double	   *cell_count;
} Draw;

static void
draw_init(Draw *d, const SegMatrix *t, int nunits, int cap)
{
	d->nunits = nunits;
	d->unit_keys = t->unit_keys;
	d->unit_kind = t->unit_kind;
	d->ncells = 0;
	d->cap = Max(cap, 1);
	d->unit_start = palloc(sizeof(int32) * (nunits + 1));
	d->cell_group = palloc(sizeof(int32) * d->cap);
	d->cell_count = palloc(sizeof(double) * d->cap);
}

static inline void
draw_cell(Draw *d, int g, double n)
{
	if (n <= 0)
		return;
	if (d->ncells == d->cap)
	{
		d->cap *= 2;
		d->cell_group = repalloc_huge(d->cell_group, sizeof(int32) * d->cap);
		d->cell_count = repalloc_huge(d->cell_count, sizeof(double) * d->cap);
	}
	d->cell_group[d->ncells] = g;
	d->cell_count[d->ncells++] = n;
}

static bool
is_integer(double x)
{
	return x >= 0 && x <= MAX_EXACT_INTEGER && x == floor(x);
}

static void
require_integer(double x, const char *what, const char *model)
{
	/* whole but too large: say so, not "needs integer counts" */
	if (x > MAX_EXACT_INTEGER && x == floor(x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: t has %s %.17g, above 2^53", model, what, x),
				 errdetail("Persons are drawn one by one in double precision, which counts exactly only up to 2^53.")));
	if (!is_integer(x))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs integer counts: t has %s %.17g", model, what, x),
				 errdetail("Persons are drawn, not cells, so counts must be whole persons (at most 2^53).")));
}

static double
table_total(const SegMatrix *t)
{
	CompSum		s = {0, 0};

	for (int c = 0; c < t->ncells; c++)
		compsum_add(&s, t->cell_count[c]);
	return compsum_value(&s);
}

/* Both margins of t must be integers (models that keep them). */
static void
require_integer_margins(const SegMatrix *t, bool units, bool groups, const char *model)
{
	require_integer(table_total(t), "total", model);
	if (units)
		for (int u = 0; u < t->nunits; u++)
			require_integer(t->unit_totals[u], "a unit total", model);
	if (groups)
		for (int g = 0; g < t->ngroups; g++)
			require_integer(t->group_totals[g], "a group total", model);
}

/* Bootstrap: Multinomial(N; n_c / N) over the non-zero cells. */
static void
draw_bootstrap(SegRng *rng, const SegMatrix *t, double total, Draw *d)
{
	double	   *x = palloc(sizeof(double) * Max(t->ncells, 1));

	draw_init(d, t, t->nunits, t->ncells);
	seg_rng_multinomial(rng, total, t->ncells, t->cell_count, x);
	for (int u = 0; u < t->nunits; u++)
	{
		d->unit_start[u] = d->ncells;
		for (int c = t->unit_start[u]; c < t->unit_start[u + 1]; c++)
			draw_cell(d, t->cell_group[c], x[c]);
	}
	d->unit_start[t->nunits] = d->ncells;
	pfree(x);
}

/* Evenness: unit i's persons ~ Multinomial(t_i; overall group shares). */
static void
draw_evenness(SegRng *rng, const SegMatrix *t, Draw *d)
{
	double	   *x = palloc(sizeof(double) * Max(t->ngroups, 1));

	draw_init(d, t, t->nunits, t->ncells);
	for (int u = 0; u < t->nunits; u++)
	{
		d->unit_start[u] = d->ncells;
		seg_rng_multinomial(rng, t->unit_totals[u], t->ngroups, t->group_totals, x);
		for (int g = 0; g < t->ngroups; g++)
			draw_cell(d, g, x[g]);
	}
	d->unit_start[t->nunits] = d->ncells;
	pfree(x);
}

/* Systematic: group m's persons ~ Multinomial(T_m; t_i / T) over units. */
static void
draw_systematic(SegRng *rng, const SegMatrix *t, Draw *d)
{
	double	   *x = palloc(sizeof(double) * Max(t->nunits, 1));
	double	   *cells = palloc0(sizeof(double) * Max((size_t) t->nunits, 1));
	int32	   *ucount = palloc0(sizeof(int32) * (t->nunits + 1));
	int32	   *gcol = NULL;
	double	   *ccol = NULL;
	int			n = 0;

	/* draw column by column, collect (unit, group, n), then sort into rows */
	int			cap = Max(t->ncells, 1);
	int32	   *cu = palloc(sizeof(int32) * cap);
	int32	   *cg = palloc(sizeof(int32) * cap);
	double	   *cn = palloc(sizeof(double) * cap);

	pfree(cells);
	for (int g = 0; g < t->ngroups; g++)
	{
		seg_rng_multinomial(rng, t->group_totals[g], t->nunits, t->unit_totals, x);
		for (int u = 0; u < t->nunits; u++)
			if (x[u] > 0)
			{
				if (n == cap)
				{
					cap *= 2;
					cu = repalloc_huge(cu, sizeof(int32) * cap);
					cg = repalloc_huge(cg, sizeof(int32) * cap);
					cn = repalloc_huge(cn, sizeof(double) * cap);
				}
				cu[n] = u;
				cg[n] = g;
				cn[n++] = x[u];
				ucount[u + 1]++;
			}
	}
	/* counting sort by unit keeps groups increasing within a unit */
	draw_init(d, t, t->nunits, n);
	for (int u = 0; u < t->nunits; u++)
		ucount[u + 1] += ucount[u];
	memcpy(d->unit_start, ucount, sizeof(int32) * (t->nunits + 1));
	gcol = d->cell_group;
	ccol = d->cell_count;
	for (int i = 0; i < n; i++)
	{
		int			pos = ucount[cu[i]]++;

		gcol[pos] = cg[i];
		ccol[pos] = cn[i];
	}
	d->ncells = n;
	pfree(x);
	pfree(ucount);
	pfree(cu);
	pfree(cg);
	pfree(cn);
}

/*
 * Both margins fixed: unit by unit, its persons are drawn without
 * replacement from the persons not yet placed (sequential hypergeometric
 * draws, as R's r2dtable).  urow and gcol are integer margins with equal
 * sums; gcol is consumed.
 */
static void
draw_permutation_margins(SegRng *rng, const SegMatrix *t, int nu, const double *urow,
						 int ng, double *gcol, Draw *d)
{
	double		remaining = 0;

	for (int g = 0; g < ng; g++)
		remaining += gcol[g];
	draw_init(d, t, nu, t->ncells);
	for (int u = 0; u < nu; u++)
	{
		double		need = urow[u];
		double		pool = remaining;

		d->unit_start[u] = d->ncells;
		for (int g = 0; g < ng && need > 0; g++)
		{
			double		x;

			if (gcol[g] <= 0)
				continue;
			x = seg_rng_hypergeometric(rng, need, gcol[g], pool);
			pool -= gcol[g];
			gcol[g] -= x;
			need -= x;
			draw_cell(d, g, x);
		}
		remaining -= urow[u];
	}
	d->unit_start[nu] = d->ncells;
}

static void
draw_permutation(SegRng *rng, const SegMatrix *t, Draw *d)
{
	double	   *gcol = palloc(sizeof(double) * Max(t->ngroups, 1));

	memcpy(gcol, t->group_totals, sizeof(double) * t->ngroups);
	draw_permutation_margins(rng, t, t->nunits, t->unit_totals, t->ngroups, gcol, d);
	pfree(gcol);
}

/* Unit bootstrap: n units with replacement; copy k of unit "a" is "a#k". */
static void
draw_unit_bootstrap(SegRng *rng, const SegMatrix *t, Draw *d)
{
	int		   *copies = palloc0(sizeof(int) * Max(t->nunits, 1));
	int		   *pick = palloc(sizeof(int) * Max(t->nunits, 1));
	int			k = 0;

	for (int i = 0; i < t->nunits; i++)
		pick[i] = (int) seg_rng_below(rng, (uint64) t->nunits);
	draw_init(d, t, t->nunits, t->ncells);
	d->unit_keys = palloc(sizeof(char *) * Max(t->nunits, 1));
	d->unit_kind = SEG_KEY_TEXT;
	for (int i = 0; i < t->nunits; i++)
	{
		int			u = pick[i];

		d->unit_start[k] = d->ncells;
		d->unit_keys[k++] = psprintf("%s#%d", t->unit_keys[u], ++copies[u]);
		for (int c = t->unit_start[u]; c < t->unit_start[u + 1]; c++)
			draw_cell(d, t->cell_group[c], t->cell_count[c]);
	}
	d->unit_start[k] = d->ncells;
	pfree(copies);
	pfree(pick);
}

/* Geographic permutation: unit keys (places) shuffled among the counts. */
static void
draw_geographic(SegRng *rng, const SegMatrix *t, Draw *d)
{
	int		   *perm = palloc(sizeof(int) * Max(t->nunits, 1));

	for (int i = 0; i < t->nunits; i++)
		perm[i] = i;
	for (int i = t->nunits - 1; i > 0; i--)
	{
		int			j = (int) seg_rng_below(rng, (uint64) i + 1);
		int			tmp = perm[i];

		perm[i] = perm[j];
		perm[j] = tmp;
	}
	draw_init(d, t, t->nunits, t->ncells);
	for (int i = 0; i < t->nunits; i++)
	{
		int			u = perm[i];

		d->unit_start[i] = d->ncells;
		for (int c = t->unit_start[u]; c < t->unit_start[u + 1]; c++)
			draw_cell(d, t->cell_group[c], t->cell_count[c]);
	}
	d->unit_start[t->nunits] = d->ncells;
	pfree(perm);
}

static NullModel
model_arg(const char *name)
{
	if (strcmp(name, "evenness") == 0)
		return NULL_EVENNESS;
	if (strcmp(name, "systematic") == 0)
		return NULL_SYSTEMATIC;
	if (strcmp(name, "permutation") == 0)
		return NULL_PERMUTATION;
	if (strcmp(name, "unit_bootstrap") == 0)
		return NULL_UNIT_BOOTSTRAP;
	if (strcmp(name, "geographic") == 0)
		return NULL_GEOGRAPHIC;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("model must be one of evenness, systematic, permutation, unit_bootstrap, geographic, not \"%s\"",
					name)));
	return NULL_EVENNESS;		/* keep the compiler quiet */
}

static void
check_model_input(const SegMatrix *t, NullModel model, const char *fname)
{
	switch (model)
	{
		case NULL_BOOTSTRAP:
			require_integer(table_total(t), "total", fname);
			break;
		case NULL_EVENNESS:
			require_integer_margins(t, true, false, "the evenness model");
			break;
		case NULL_SYSTEMATIC:
			require_integer_margins(t, false, true, "the systematic model");
			break;
		case NULL_PERMUTATION:
			require_integer_margins(t, true, true, "the permutation model");
			break;
		default:
			break;
	}
}

static void
draw_model(SegRng *rng, const SegMatrix *t, NullModel model, double total, Draw *d)
{
	switch (model)
	{
		case NULL_BOOTSTRAP:
			draw_bootstrap(rng, t, total, d);
			break;
		case NULL_EVENNESS:
			draw_evenness(rng, t, d);
			break;
		case NULL_SYSTEMATIC:
			draw_systematic(rng, t, d);
			break;
		case NULL_PERMUTATION:
			draw_permutation(rng, t, d);
			break;
		case NULL_UNIT_BOOTSTRAP:
			draw_unit_bootstrap(rng, t, d);
			break;
		case NULL_GEOGRAPHIC:
			draw_geographic(rng, t, d);
			break;
		default:
			elog(ERROR, "unknown null model %d", (int) model);
	}
}

static Datum
draw_to_datum(const SegMatrix *t, const Draw *d)
{
	SegMatrix	m;

	memset(&m, 0, sizeof(m));
	m.nunits = d->nunits;
	m.ngroups = t->ngroups;
	m.unit_kind = d->unit_kind;
	m.group_kind = t->group_kind;
	m.unit_keys = d->unit_keys;
	m.group_keys = t->group_keys;
	m.ncells = d->ncells;
	m.unit_start = d->unit_start;
	m.cell_group = d->cell_group;
	m.cell_count = d->cell_count;
	return segmatrix_to_datum(&m);
}

static int
reps_arg(FunctionCallInfo fcinfo, int argno)
{
	int32		reps = PG_GETARG_INT32(argno);

	if (reps < 1 || reps > MAX_REPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("reps must be between 1 and %d, not %d", MAX_REPS, reps)));
	return reps;
}

/* Shared body of the table-returning SRFs. */
static Datum
tables_srf(FunctionCallInfo fcinfo, SegMatrix *t, NullModel model, int reps, int64 seed,
		   const char *fname)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext per_rep;
	MemoryContext old;
	double		total;

	check_model_input(t, model, fname);
	total = table_total(t);
	InitMaterializedSRF(fcinfo, 0);
	per_rep = AllocSetContextCreate(CurrentMemoryContext, "seg replicate",
									ALLOCSET_DEFAULT_SIZES);
	for (int r = 1; r <= reps; r++)
	{
		SegRng		rng;
		Draw		d;
		Datum		values[2];
		bool		nulls[2] = {false, false};

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(per_rep);
		seg_rng_init(&rng, seed, r);
		draw_model(&rng, t, model, total, &d);
		values[0] = Int32GetDatum(r);
		values[1] = draw_to_datum(t, &d);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(old);
		MemoryContextReset(per_rep);
	}
	MemoryContextDelete(per_rep);
	return (Datum) 0;
}

/* seg_bootstrap(t, reps, seed) -> setof (replicate, t) */
Datum
seg_bootstrap(PG_FUNCTION_ARGS)
{
	SegMatrix  *t = segmatrix_from_datum(PG_GETARG_DATUM(0));

	return tables_srf(fcinfo, t, NULL_BOOTSTRAP, reps_arg(fcinfo, 1), PG_GETARG_INT64(2),
					  "seg_bootstrap");
}

/* seg_null_tables(t, model, reps, seed) -> setof (replicate, t) */
Datum
seg_null_tables(PG_FUNCTION_ARGS)
{
	SegMatrix  *t = segmatrix_from_datum(PG_GETARG_DATUM(0));
	NullModel	model = model_arg(text_to_cstring(PG_GETARG_TEXT_PP(1)));

	return tables_srf(fcinfo, t, model, reps_arg(fcinfo, 2), PG_GETARG_INT64(3),
					  "seg_null_tables");
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

/* Type-7 quantile of sorted x[0..n-1]. */
static double
quantile7(const double *x, int n, double q)
{
	double		h = (n - 1) * q;
	int			lo = (int) floor(h);
	int			hi = Min(lo + 1, n - 1);

	return x[lo] + (h - lo) * (x[hi] - x[lo]);
}

/*
 * seg_bootstrap_summary(t, reps, seed, level) -> setof (stat, estimate,
 * debiased, bias, se, lower, upper), rows M and H (H only with two groups
 * or more).
 */
Datum
seg_bootstrap_summary(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	SegMatrix  *t = segmatrix_from_datum(PG_GETARG_DATUM(0));
	int			reps = reps_arg(fcinfo, 1);
	int64		seed = PG_GETARG_INT64(2);
	double		level = PG_GETARG_FLOAT8(3);
	double	   *boot[2];
	double		est[2];
	double		total, e;
	int			nstat = 2;
	MemoryContext per_rep;

	if (!(level > 0 && level < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("level must be in (0, 1), not %g", level)));
	check_model_input(t, NULL_BOOTSTRAP, "seg_bootstrap_summary");
	InitMaterializedSRF(fcinfo, 0);
	if (!seg_matrix_mutual(t, &est[0], &e))
		return (Datum) 0;
	if (e > 0)
		est[1] = est[0] / e;
	else
		nstat = 1;
	total = table_total(t);
	boot[0] = palloc(sizeof(double) * reps);
	boot[1] = palloc(sizeof(double) * reps);
	per_rep = AllocSetContextCreate(CurrentMemoryContext, "seg replicate",
									ALLOCSET_DEFAULT_SIZES);
	for (int r = 0; r < reps; r++)
	{
		MemoryContext old = MemoryContextSwitchTo(per_rep);
		SegRng		rng;
		Draw		d;
		double		m, eb;

		CHECK_FOR_INTERRUPTS();
		seg_rng_init(&rng, seed, r + 1);
		draw_bootstrap(&rng, t, total, &d);
		seg_rows_mutual(d.nunits, t->ngroups, d.unit_start, d.cell_group, d.cell_count, &m, &eb);
		boot[0][r] = m;
		boot[1][r] = eb > 0 ? m / eb : 0;
		MemoryContextSwitchTo(old);
		MemoryContextReset(per_rep);
	}
	MemoryContextDelete(per_rep);
	for (int s = 0; s < nstat; s++)
	{
		Datum		values[7];
		bool		nulls[7] = {false};
		CompSum		sum = {0, 0};
		CompSum		ss = {0, 0};
		double		mean;

		for (int r = 0; r < reps; r++)
			compsum_add(&sum, boot[s][r]);
		mean = compsum_value(&sum) / reps;
		for (int r = 0; r < reps; r++)
			compsum_add(&ss, (boot[s][r] - mean) * (boot[s][r] - mean));
		qsort(boot[s], reps, sizeof(double), cmp_double);
		values[0] = CStringGetTextDatum(s == 0 ? "M" : "H");
		values[1] = Float8GetDatum(est[s]);
		values[2] = Float8GetDatum(2 * est[s] - mean);
		values[3] = Float8GetDatum(mean - est[s]);
		if (reps > 1)
			values[4] = Float8GetDatum(sqrt(compsum_value(&ss) / (reps - 1)));
		else
			nulls[4] = true;
		values[5] = Float8GetDatum(2 * est[s] - quantile7(boot[s], reps, (1 + level) / 2));
		values[6] = Float8GetDatum(2 * est[s] - quantile7(boot[s], reps, (1 - level) / 2));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * seg_mutual_expected(t, reps, seed, fixed_margins) -> (m_expected, m_sd,
 * h_expected, h_sd): M and H over tables with t's margins and no
 * association (both margins fixed), as R's mutual_total_expected.  With
 * fixed_margins false both margins are first drawn from multinomials of
 * t's shares.
 */
Datum
seg_mutual_expected(PG_FUNCTION_ARGS)
{
	SegMatrix  *t = segmatrix_from_datum(PG_GETARG_DATUM(0));
	int			reps = reps_arg(fcinfo, 1);
	int64		seed = PG_GETARG_INT64(2);
	bool		fixed = PG_GETARG_BOOL(3);
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	CompSum		ms = {0, 0}, mss = {0, 0}, hs = {0, 0}, hss = {0, 0};
	double	   *mv = palloc(sizeof(double) * reps);
	double	   *hv = palloc(sizeof(double) * reps);
	double		total, mmean, hmean;
	int			hn = 0;
	MemoryContext per_rep;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "seg_mutual_expected: return type must be a row type");
	check_model_input(t, NULL_PERMUTATION, "seg_mutual_expected");
	total = table_total(t);
	if (!(total > 0))
		PG_RETURN_NULL();
	per_rep = AllocSetContextCreate(CurrentMemoryContext, "seg replicate",
									ALLOCSET_DEFAULT_SIZES);
	for (int r = 0; r < reps; r++)
	{
		MemoryContext old = MemoryContextSwitchTo(per_rep);
		SegRng		rng;
		Draw		d;
		double	   *urow = palloc(sizeof(double) * Max(t->nunits, 1));
		double	   *gcol = palloc(sizeof(double) * Max(t->ngroups, 1));
		double		m, e;

		CHECK_FOR_INTERRUPTS();
		seg_rng_init(&rng, seed, r + 1);
		if (fixed)
		{
			memcpy(urow, t->unit_totals, sizeof(double) * t->nunits);
			memcpy(gcol, t->group_totals, sizeof(double) * t->ngroups);
		}
		else
		{
			seg_rng_multinomial(&rng, total, t->nunits, t->unit_totals, urow);
			seg_rng_multinomial(&rng, total, t->ngroups, t->group_totals, gcol);
		}
		draw_permutation_margins(&rng, t, t->nunits, urow, t->ngroups, gcol, &d);
		seg_rows_mutual(d.nunits, t->ngroups, d.unit_start, d.cell_group, d.cell_count, &m, &e);
		mv[r] = m;
		if (e > 0)
			hv[hn++] = m / e;
		MemoryContextSwitchTo(old);
		MemoryContextReset(per_rep);
	}
	MemoryContextDelete(per_rep);
	for (int r = 0; r < reps; r++)
		compsum_add(&ms, mv[r]);
	mmean = compsum_value(&ms) / reps;
	for (int r = 0; r < reps; r++)
		compsum_add(&mss, (mv[r] - mmean) * (mv[r] - mmean));
	for (int r = 0; r < hn; r++)
		compsum_add(&hs, hv[r]);
	hmean = hn > 0 ? compsum_value(&hs) / hn : 0;
	for (int r = 0; r < hn; r++)
		compsum_add(&hss, (hv[r] - hmean) * (hv[r] - hmean));
	values[0] = Float8GetDatum(mmean);
	values[1] = Float8GetDatum(reps > 1 ? sqrt(compsum_value(&mss) / (reps - 1)) : 0);
	nulls[1] = reps < 2;
	values[2] = Float8GetDatum(hmean);
	nulls[2] = hn == 0;
	values[3] = Float8GetDatum(hn > 1 ? sqrt(compsum_value(&hss) / (hn - 1)) : 0);
	nulls[3] = hn < 2;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}
