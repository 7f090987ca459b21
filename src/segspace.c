/*-------------------------------------------------------------------------
 *
 * segspace.c
 *	  The segspace value type: per-unit area, centroid, perimeter and
 *	  contiguity edges of a set of polygons (METHODOLOGY section 4.1).
 *
 * C never sees a geometry's structure and never links PostGIS: it calls
 * PostGIS's SQL-callable functions through fmgr, looked up by name in
 * PostGIS's schema (ST_Area, ST_Centroid, ST_Perimeter, ST_AsEWKB, ...).
 * The value keeps each unit's EWKB so that seg_merge() can find edges
 * between units of different parts.  The final function sorts the units,
 * sweeps their bounding boxes in x and asks ST_Relate about every pair
 * whose boxes touch (plus ST_Length(ST_Intersection()) for rook pairs).
 *
 * Byte layout (big-endian), the datum, the send/recv form and the
 * aggregates' serialized state alike.  Format version 1:
 *	 uint8	 version			1
 *	 uint8	 unit kind			'i', 't', or 0 (no units)
 *	 uint8	 flags				SEGSPACE_CONTIGUITY | SEGSPACE_GEOGRAPHIC |
 *								SEGSPACE_PARTIAL
 *	 uint8	 reserved			0
 *	 int32	 srid
 *	 int32	 nunits
 *	 per unit: key (int64, or int32 length + bytes), 8 float8 (area, cx,
 *			 cy, perimeter, xmin, ymin, xmax, ymax), int32 EWKB length +
 *			 bytes
 *	 int32	 nedges (each unordered pair once)
 *	 per edge: int32 a, int32 b (a < b, pairs strictly increasing),
 *			 uint8 flags (QUEEN, optionally ROOK), float8 shared length
 * A finished value has SEGSPACE_CONTIGUITY, keys strictly increasing.  A
 * partial aggregate state (SEGSPACE_PARTIAL) has no edges and its units in
 * any order; the type's input functions reject it.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>
#include <stdlib.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_extension.h"
#include "commands/extension.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "segindex.h"
#include "segspace.h"

PG_FUNCTION_INFO_V1(segspace_in);
PG_FUNCTION_INFO_V1(segspace_out);
PG_FUNCTION_INFO_V1(segspace_recv);
PG_FUNCTION_INFO_V1(segspace_send);
PG_FUNCTION_INFO_V1(segspace_from_bytea);
PG_FUNCTION_INFO_V1(segspace_sfunc);
PG_FUNCTION_INFO_V1(segspace_merge_sfunc);
PG_FUNCTION_INFO_V1(segspace_combine);
PG_FUNCTION_INFO_V1(segspace_serialize);
PG_FUNCTION_INFO_V1(segspace_deserialize);
PG_FUNCTION_INFO_V1(segspace_final);
PG_FUNCTION_INFO_V1(seg_layout_nunits);
PG_FUNCTION_INFO_V1(seg_nedges);
PG_FUNCTION_INFO_V1(seg_srid);
PG_FUNCTION_INFO_V1(seg_is_geographic);
PG_FUNCTION_INFO_V1(seg_has_contiguity);
PG_FUNCTION_INFO_V1(seg_layout);
PG_FUNCTION_INFO_V1(seg_edges);

#define SEGSPACE_FORMAT_VERSION 1
#define SEGSPACE_CONTIGUITY 0x01
#define SEGSPACE_GEOGRAPHIC 0x02
#define SEGSPACE_PARTIAL	0x04
#define SEGSPACE_TEXT_PREFIX "segspace1:"
#define SEG_NUMS 8				/* area, cx, cy, perimeter, bbox */

/* One unit of the transition state. */
typedef struct SpUnit
{
	int64		ikey;
	char	   *tkey;			/* NUL-terminated, text kind */
	int32		tlen;
	double		num[SEG_NUMS];
	bytea	   *ewkb;
} SpUnit;

typedef struct SpEdge
{
	int32		a;
	int32		b;
	uint8		flags;
	double		length;
} SpEdge;

typedef struct SpState
{
	char		kind;			/* 0 until the first unit */
	int32		srid;
	bool		has_srid;
	bool		geographic;
	int32		n;
	int32		cap;
	SpUnit	   *units;
	/* filled by the final function or a parsed value */
	bool		contiguity;
	int32		nedges;
	SpEdge	   *edges;
} SpState;

/* ---------------------------------------------------------------- keys */

static int
unit_cmp(const SpUnit *a, const SpUnit *b, char kind)
{
	if (kind == SEG_KEY_INT)
		return (a->ikey > b->ikey) - (a->ikey < b->ikey);
	else
	{
		int			c = memcmp(a->tkey, b->tkey, Min(a->tlen, b->tlen));

		if (c != 0)
			return c;
		return (a->tlen > b->tlen) - (a->tlen < b->tlen);
	}
}

static char
sort_kind;

static int
unit_qsort_cmp(const void *a, const void *b)
{
	return unit_cmp((const SpUnit *) a, (const SpUnit *) b, sort_kind);
}

static char *
unit_key_text(const SpUnit *u, char kind)
{
	if (kind == SEG_KEY_INT)
		return psprintf(INT64_FORMAT, u->ikey);
	return pstrdup(u->tkey);
}

/* ----------------------------------------------------- state building */

static SpState *
state_new(void)
{
	SpState    *st = palloc0(sizeof(SpState));

	st->cap = 16;
	st->units = palloc(sizeof(SpUnit) * st->cap);
	return st;
}

static SpUnit *
state_append(SpState *st)
{
	if (st->n == st->cap)
	{
		if (st->cap >= PG_INT32_MAX / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("segspace: too many units")));
		st->cap *= 2;
		st->units = repalloc_huge(st->units, sizeof(SpUnit) * st->cap);
	}
	return &st->units[st->n++];
}

static void
state_set_kind(SpState *st, char kind)
{
	if (st->kind == 0)
		st->kind = kind;
	else if (st->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("segspace: argument \"unit\" mixes integer and text keys")));
}

static void
state_set_srid(SpState *st, int32 srid, const char *unitkey)
{
	if (!st->has_srid)
	{
		st->srid = srid;
		st->has_srid = true;
	}
	else if (st->srid != srid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("segspace: unit %s has SRID %d, other units SRID %d",
						unitkey, srid, st->srid),
				 errhint("Use ST_Transform so every geometry has the same SRID.")));
}

/* Copies the units of src (a state or a parsed value) into dst. */
static void
state_add_units(SpState *dst, const SpState *src)
{
	if (src->n == 0)
		return;
	state_set_kind(dst, src->kind);
	state_set_srid(dst, src->srid, unit_key_text(&src->units[0], src->kind));
	for (int32 i = 0; i < src->n; i++)
	{
		SpUnit	   *u = state_append(dst);
		const SpUnit *s = &src->units[i];

		*u = *s;
		if (s->tkey)
			u->tkey = pnstrdup(s->tkey, s->tlen);
		u->ewkb = (bytea *) palloc(VARSIZE(s->ewkb));
		memcpy(u->ewkb, s->ewkb, VARSIZE(s->ewkb));
	}
}

/* ------------------------------------------------------ serialization */

typedef struct SpReader
{
	const char *p;
	const char *end;
} SpReader;

static void
corrupt(const char *detail)
{
	seg_corrupt_state("segspace", detail);
}

static inline void
need(SpReader *r, int64 n)
{
	if (n < 0 || r->end - r->p < n)
		corrupt("value is truncated");
}

static uint8
get_u8(SpReader *r)
{
	need(r, 1);
	return (uint8) *r->p++;
}

static int32
get_i32(SpReader *r)
{
	uint32		v;

	need(r, 4);
	memcpy(&v, r->p, 4);
	r->p += 4;
	return (int32) pg_ntoh32(v);
}

static int64
get_i64(SpReader *r)
{
	uint64		v;

	need(r, 8);
	memcpy(&v, r->p, 8);
	r->p += 8;
	return (int64) pg_ntoh64(v);
}

static double
get_f8(SpReader *r)
{
	union
	{
		int64		i;
		double		d;
	}			u;

	u.i = get_i64(r);
	return u.d;
}

static void
put_i32(StringInfo s, int32 v)
{
	uint32		n = pg_hton32((uint32) v);

	appendBinaryStringInfo(s, (char *) &n, 4);
}

static void
put_i64(StringInfo s, int64 v)
{
	uint64		n = pg_hton64((uint64) v);

	appendBinaryStringInfo(s, (char *) &n, 8);
}

static void
put_f8(StringInfo s, double v)
{
	union
	{
		int64		i;
		double		d;
	}			u;

	u.d = v;
	put_i64(s, u.i);
}

/* The portable bytes of st, as a bytea (also the datum's layout). */
static bytea *
state_to_bytes(const SpState *st, bool partial)
{
	StringInfoData s;
	uint8		flags = 0;

	initStringInfo(&s);
	appendStringInfoSpaces(&s, VARHDRSZ);
	if (partial)
		flags |= SEGSPACE_PARTIAL;
	else
		flags |= SEGSPACE_CONTIGUITY;
	if (st->geographic)
		flags |= SEGSPACE_GEOGRAPHIC;
	appendStringInfoChar(&s, SEGSPACE_FORMAT_VERSION);
	appendStringInfoChar(&s, st->n > 0 ? st->kind : 0);
	appendStringInfoChar(&s, (char) flags);
	appendStringInfoChar(&s, 0);
	put_i32(&s, st->srid);
	put_i32(&s, st->n);
	for (int32 i = 0; i < st->n; i++)
	{
		const SpUnit *u = &st->units[i];
		int32		len = VARSIZE_ANY_EXHDR(u->ewkb);

		if (st->kind == SEG_KEY_INT)
			put_i64(&s, u->ikey);
		else
		{
			put_i32(&s, u->tlen);
			appendBinaryStringInfo(&s, u->tkey, u->tlen);
		}
		for (int k = 0; k < SEG_NUMS; k++)
			put_f8(&s, u->num[k]);
		put_i32(&s, len);
		appendBinaryStringInfo(&s, VARDATA_ANY(u->ewkb), len);
	}
	put_i32(&s, partial ? 0 : st->nedges);
	if (!partial)
		for (int32 e = 0; e < st->nedges; e++)
		{
			put_i32(&s, st->edges[e].a);
			put_i32(&s, st->edges[e].b);
			appendStringInfoChar(&s, (char) st->edges[e].flags);
			put_f8(&s, st->edges[e].length);
		}
	SET_VARSIZE(s.data, s.len);
	return (bytea *) s.data;
}

/*
 * Parses and validates portable bytes.  allow_partial accepts an
 * aggregate's partial state; the type's inputs require a finished value.
 */
static SpState *
state_from_bytes(const char *data, int64 len, bool allow_partial,
				 bool verify_encoding, bool keep_geoms)
{
	SpReader	r = {data, data + len};
	SpState    *st = palloc0(sizeof(SpState));
	uint8		flags;
	int32		n;

	if (get_u8(&r) != SEGSPACE_FORMAT_VERSION)
		corrupt("unknown format version");
	st->kind = (char) get_u8(&r);
	flags = get_u8(&r);
	if (get_u8(&r) != 0)
		corrupt("reserved byte is not 0");
	if (flags & ~(SEGSPACE_CONTIGUITY | SEGSPACE_GEOGRAPHIC | SEGSPACE_PARTIAL))
		corrupt("unknown flags");
	if (!!(flags & SEGSPACE_PARTIAL) == !!(flags & SEGSPACE_CONTIGUITY))
		corrupt("a value is either partial or has contiguity");
	if ((flags & SEGSPACE_PARTIAL) && !allow_partial)
		corrupt("a partial aggregate state is not a segspace value");
	st->contiguity = (flags & SEGSPACE_CONTIGUITY) != 0;
	st->geographic = (flags & SEGSPACE_GEOGRAPHIC) != 0;
	st->srid = get_i32(&r);
	n = get_i32(&r);
	st->has_srid = n > 0;		/* an empty partial state has no SRID yet */
	if (n < 0)
		corrupt("negative unit count");
	if ((n == 0) != (st->kind == 0) ||
		(n > 0 && st->kind != SEG_KEY_INT && st->kind != SEG_KEY_TEXT))
		corrupt("invalid unit key kind");
	/* each unit takes at least 4 + 64 + 4 bytes */
	if ((int64) n * 72 > r.end - r.p)
		corrupt("value is truncated");
	st->cap = Max(n, 1);
	st->units = palloc_extended(sizeof(SpUnit) * st->cap, MCXT_ALLOC_HUGE);
	st->n = n;
	for (int32 i = 0; i < n; i++)
	{
		SpUnit	   *u = &st->units[i];
		int32		elen;

		u->tkey = NULL;
		u->tlen = 0;
		u->ikey = 0;
		if (st->kind == SEG_KEY_INT)
			u->ikey = get_i64(&r);
		else
		{
			u->tlen = get_i32(&r);
			need(&r, u->tlen);
			if (memchr(r.p, '\0', u->tlen) != NULL)
				corrupt("text key contains a NUL byte");
			if (verify_encoding &&
				!pg_verify_mbstr(GetDatabaseEncoding(), r.p, u->tlen, true))
				corrupt("text key is not valid in the database encoding");
			u->tkey = pnstrdup(r.p, u->tlen);
			r.p += u->tlen;
		}
		for (int k = 0; k < SEG_NUMS; k++)
		{
			u->num[k] = get_f8(&r);
			if (isnan(u->num[k]) || isinf(u->num[k]))
				corrupt("non-finite unit number");
		}
		if (u->num[0] < 0 || u->num[3] < 0)
			corrupt("negative area or perimeter");
		if (u->num[4] > u->num[6] || u->num[5] > u->num[7])
			corrupt("inverted bounding box");
		elen = get_i32(&r);
		need(&r, elen);
		if (elen == 0)
			corrupt("empty EWKB");
		u->ewkb = NULL;
		if (keep_geoms)
		{
			u->ewkb = (bytea *) palloc(VARHDRSZ + elen);
			SET_VARSIZE(u->ewkb, VARHDRSZ + elen);
			memcpy(VARDATA(u->ewkb), r.p, elen);
		}
		r.p += elen;
		if (st->contiguity && i > 0 &&
			unit_cmp(&st->units[i - 1], u, st->kind) >= 0)
			corrupt("unit keys are not strictly increasing");
	}
	st->nedges = get_i32(&r);
	if (st->nedges < 0 || (!st->contiguity && st->nedges != 0))
		corrupt("invalid edge count");
	if ((int64) st->nedges * 17 > r.end - r.p)
		corrupt("value is truncated");
	st->edges = palloc_extended(sizeof(SpEdge) * Max(st->nedges, 1), MCXT_ALLOC_HUGE);
	for (int32 e = 0; e < st->nedges; e++)
	{
		SpEdge	   *ed = &st->edges[e];

		ed->a = get_i32(&r);
		ed->b = get_i32(&r);
		ed->flags = get_u8(&r);
		ed->length = get_f8(&r);
		if (ed->a < 0 || ed->b >= n || ed->a >= ed->b)
			corrupt("edge refers to an invalid unit pair");
		if (e > 0 && (ed->a < ed[-1].a || (ed->a == ed[-1].a && ed->b <= ed[-1].b)))
			corrupt("edges are not strictly increasing");
		if (!(ed->flags & SEG_EDGE_QUEEN) ||
			(ed->flags & ~(SEG_EDGE_QUEEN | SEG_EDGE_ROOK)))
			corrupt("invalid edge flags");
		if (isnan(ed->length) || isinf(ed->length) || ed->length < 0 ||
			(ed->length > 0 && !(ed->flags & SEG_EDGE_ROOK)))
			corrupt("invalid shared boundary length");
	}
	if (r.p != r.end)
		corrupt("trailing bytes");
	return st;
}

/* A stored value; keep_geoms = false skips copying the EWKB (measures). */
static SpState *
state_from_datum_ex(Datum d, bool keep_geoms)
{
	bytea	   *b = PG_DETOAST_DATUM(d);

	return state_from_bytes(VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b), false, false,
							keep_geoms);
}

static SpState *
state_from_datum(Datum d)
{
	return state_from_datum_ex(d, false);
}

/* --------------------------------------------------- PostGIS helpers */

/*
 * PostGIS is called through fmgr by schema-qualified name (PostGIS's
 * schema from pg_extension), never linked: SQL-language wrappers would be
 * planned again on every call.
 */
typedef struct SpHelpers
{
	FmgrInfo	is_empty;
	FmgrInfo	geomtype;
	FmgrInfo	is_valid;
	FmgrInfo	valid_reason;
	FmgrInfo	area;
	FmgrInfo	perimeter;
	FmgrInfo	centroid;
	FmgrInfo	scale;
	FmgrInfo	x;
	FmgrInfo	y;
	FmgrInfo	box3d;
	FmgrInfo	xmin;
	FmgrInfo	ymin;
	FmgrInfo	xmax;
	FmgrInfo	ymax;
	FmgrInfo	srid;
	FmgrInfo	asewkb;
	FmgrInfo	fromewkb;
	FmgrInfo	intersects;
	FmgrInfo	relate;
	FmgrInfo	intersection;
	FmgrInfo	length;
	FmgrInfo	geographic;		/* segindex's SQL helper, once per value */
} SpHelpers;

static Oid
postgis_namespace(void)
{
	Oid			extoid = get_extension_oid("postgis", false);
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			nsp;

	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(extoid));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "could not find the postgis extension");
	nsp = ((Form_pg_extension) GETSTRUCT(tup))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return nsp;
}

static void
lookup(FmgrInfo *fi, const char *nsp, const char *name, int nargs,
	   Oid *argtypes, MemoryContext cxt)
{
	Oid			oid = LookupFuncName(list_make2(makeString(pstrdup(nsp)),
											makeString(pstrdup(name))),
									 nargs, argtypes, false);

	fmgr_info_cxt(oid, fi, cxt);
}

static SpHelpers *
helpers_get(FunctionCallInfo fcinfo)
{
	SpHelpers  *h = (SpHelpers *) fcinfo->flinfo->fn_extra;

	if (h == NULL)
	{
		MemoryContext cxt = fcinfo->flinfo->fn_mcxt;
		Oid			pnsp = postgis_namespace();
		char	   *p = get_namespace_name(pnsp);
		char	   *self = get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid));
		Oid			geom = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										   CStringGetDatum("geometry"),
										   ObjectIdGetDatum(pnsp));
		Oid			box = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										  CStringGetDatum("box3d"),
										  ObjectIdGetDatum(pnsp));
		Oid			g1[1] = {geom};
		Oid			g2[3] = {geom, geom, FLOAT8OID};
		Oid			gff[3] = {geom, FLOAT8OID, FLOAT8OID};
		Oid			b1[1] = {box};
		Oid			by[1] = {BYTEAOID};
		Oid			i4[1] = {INT4OID};

		if (!OidIsValid(geom) || !OidIsValid(box))
			elog(ERROR, "could not find PostGIS's geometry types");
		h = MemoryContextAllocZero(cxt, sizeof(SpHelpers));
		lookup(&h->is_empty, p, "st_isempty", 1, g1, cxt);
		lookup(&h->geomtype, p, "geometrytype", 1, g1, cxt);
		lookup(&h->is_valid, p, "st_isvalid", 1, g1, cxt);
		lookup(&h->valid_reason, p, "st_isvalidreason", 1, g1, cxt);
		lookup(&h->area, p, "st_area", 1, g1, cxt);
		lookup(&h->perimeter, p, "st_perimeter", 1, g1, cxt);
		lookup(&h->centroid, p, "st_centroid", 1, g1, cxt);
		lookup(&h->scale, p, "st_scale", 3, gff, cxt);
		lookup(&h->x, p, "st_x", 1, g1, cxt);
		lookup(&h->y, p, "st_y", 1, g1, cxt);
		lookup(&h->box3d, p, "box3d", 1, g1, cxt);
		lookup(&h->xmin, p, "st_xmin", 1, b1, cxt);
		lookup(&h->ymin, p, "st_ymin", 1, b1, cxt);
		lookup(&h->xmax, p, "st_xmax", 1, b1, cxt);
		lookup(&h->ymax, p, "st_ymax", 1, b1, cxt);
		lookup(&h->srid, p, "st_srid", 1, g1, cxt);
		lookup(&h->asewkb, p, "st_asewkb", 1, g1, cxt);
		lookup(&h->fromewkb, p, "st_geomfromewkb", 1, by, cxt);
		lookup(&h->intersects, p, "st_intersects", 2, g2, cxt);
		lookup(&h->relate, p, "st_relate", 2, g2, cxt);
		/* PostGIS >= 3.1 has ST_Intersection(a, b, gridSize) */
		if (OidIsValid(LookupFuncName(list_make2(makeString(p), makeString("st_intersection")),
									  3, g2, true)))
			lookup(&h->intersection, p, "st_intersection", 3, g2, cxt);
		else
			lookup(&h->intersection, p, "st_intersection", 2, g2, cxt);
		lookup(&h->length, p, "st_length", 1, g1, cxt);
		lookup(&h->geographic, self, "segspace_srid_is_geographic", 1, i4, cxt);
		fcinfo->flinfo->fn_extra = h;
	}
	return h;
}

/*
 * One-argument PostGIS call that may return NULL: with coordinates near the
 * float8 limit ST_Centroid (and so ST_X) return NULL, which FunctionCall1
 * reports as an internal error.
 */
static Datum
call1_nullable(FmgrInfo *fi, Datum g, bool argnull, bool *isnull)
{
	LOCAL_FCINFO(fcinfo, 1);
	Datum		r;

	if (argnull && fi->fn_strict)
	{
		*isnull = true;
		return (Datum) 0;
	}
	InitFunctionCallInfoData(*fcinfo, fi, 1, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = g;
	fcinfo->args[0].isnull = argnull;
	r = FunctionCallInvoke(fcinfo);
	*isnull = fcinfo->isnull;
	return r;
}

/* A float8 result; NULL (an overflowing geometry) becomes NaN, refused later. */
static double
call_f8_of(FmgrInfo *fi, Datum g, bool argnull)
{
	bool		isnull;
	Datum		r = call1_nullable(fi, g, argnull, &isnull);

	return isnull ? NAN : DatumGetFloat8(r);
}

static double
call_f8(FmgrInfo *fi, Datum g)
{
	return call_f8_of(fi, g, false);
}

/*
 * A unit's numbers: {area, cx, cy, perimeter, xmin, ymin, xmax, ymax};
 * errors name the unit.
 */
static int32
unit_numbers(SpHelpers *h, Datum g, const char *keytext, double *num)
{
	char	   *type;
	Datum		c,
				box;
	bool		cnull,
				boxnull;
	double		cmax;
	int			e = 0;

	if (DatumGetBool(FunctionCall1(&h->is_empty, g)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("segspace: argument \"geom\" of unit %s is empty", keytext),
				 errhint("Leave the unit out.")));
	type = TextDatumGetCString(FunctionCall1(&h->geomtype, g));
	if (strcmp(type, "POLYGON") != 0 && strcmp(type, "MULTIPOLYGON") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("segspace: argument \"geom\" of unit %s is a %s, not a polygon or multipolygon",
						keytext, type)));
	if (!DatumGetBool(FunctionCall1(&h->is_valid, g)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("segspace: argument \"geom\" of unit %s is an invalid geometry", keytext),
				 errdetail("%s", TextDatumGetCString(FunctionCall1(&h->valid_reason, g))),
				 errhint("Use ST_MakeValid.")));
	num[0] = call_f8(&h->area, g);
	num[3] = call_f8(&h->perimeter, g);
	box = call1_nullable(&h->box3d, g, false, &boxnull);
	num[4] = call_f8_of(&h->xmin, box, boxnull);
	num[5] = call_f8_of(&h->ymin, box, boxnull);
	num[6] = call_f8_of(&h->xmax, box, boxnull);
	num[7] = call_f8_of(&h->ymax, box, boxnull);

	/*
	 * ST_Centroid sums area x coordinate, third powers of the coordinates:
	 * below about 1e-100 they underflow (the centroid comes back as 0 0).
	 * Far from 1 the centroid is taken of the geometry scaled by a power of
	 * two, which is exact, and scaled back.
	 */
	cmax = Max(Max(fabs(num[4]), fabs(num[5])), Max(fabs(num[6]), fabs(num[7])));
	if (isfinite(cmax) && cmax > 0)
		(void) frexp(cmax, &e);
	e = Max(e, -1020);			/* 2^-e stays finite for denormals */
	if (e < -250 || e > 250)
		g = FunctionCall3(&h->scale, g, Float8GetDatum(ldexp(1, -e)),
						  Float8GetDatum(ldexp(1, -e)));
	else
		e = 0;
	c = call1_nullable(&h->centroid, g, false, &cnull);
	num[1] = ldexp(call_f8_of(&h->x, c, cnull), e);
	num[2] = ldexp(call_f8_of(&h->y, c, cnull), e);
	return DatumGetInt32(FunctionCall1(&h->srid, g));
}

/*
 * {flags, shared length, overlap area} of a pair: flags 0, QUEEN, QUEEN|ROOK,
 * or -1 when the interiors overlap (simplified published polygons do).  An
 * overlap's length is half the perimeter of the intersection: a thin sliver
 * of length L has perimeter about 2L.
 */
static void
pair_relation(SpHelpers *h, Datum a, Datum b, double *res)
{
	char	   *m;

	res[1] = 0;
	res[2] = 0;
	/* ST_Intersects caches a prepared a across the sweep's inner loop */
	if (!DatumGetBool(FunctionCall2(&h->intersects, a, b)))
	{
		res[0] = 0;
		return;
	}
	m = TextDatumGetCString(FunctionCall2(&h->relate, a, b));
	if (strlen(m) != 9)
		elog(ERROR, "unexpected ST_Relate matrix \"%s\"", m);
	if (m[0] == 'F' && m[1] == 'F' && m[3] == 'F' && m[4] == 'F')
		res[0] = 0;
	else if (m[0] != 'F' || m[4] == '1')
	{
		Datum		inter;

		if (h->intersection.fn_nargs == 3)
			inter = FunctionCall3(&h->intersection, a, b, Float8GetDatum(-1.0));
		else
			inter = FunctionCall2(&h->intersection, a, b);
		if (m[0] != 'F')
		{
			res[0] = -1;
			res[1] = call_f8(&h->perimeter, inter) / 2;
			res[2] = call_f8(&h->area, inter);
		}
		else
		{
			res[0] = SEG_EDGE_QUEEN | SEG_EDGE_ROOK;
			res[1] = call_f8(&h->length, inter);
		}
	}
	else
		res[0] = SEG_EDGE_QUEEN;
}

/* --------------------------------------------------------- aggregate */

static SpState *
state_arg(FunctionCallInfo fcinfo, int argno, MemoryContext *aggcxt,
		  const char *fname)
{
	*aggcxt = seg_aggregate_context(fcinfo, fname);
	if (PG_ARGISNULL(argno))
	{
		MemoryContext old = MemoryContextSwitchTo(*aggcxt);
		SpState    *st = state_new();

		MemoryContextSwitchTo(old);
		return st;
	}
	return (SpState *) PG_GETARG_POINTER(argno);
}

/* segspace_sfunc(internal, unit bigint|text, geom geometry) */
Datum
segspace_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	MemoryContext old;
	SpState    *st = state_arg(fcinfo, 0, &aggcxt, "segspace");
	SpHelpers  *h = helpers_get(fcinfo);
	Oid			ktype = get_fn_expr_argtype(fcinfo->flinfo, 1);
	SpUnit		tmp;
	char	   *keytext;
	double		nums[SEG_NUMS];
	int32		srid;
	Datum		ewkb;
	Datum		geom;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("segspace: argument \"unit\" must not be NULL")));
	memset(&tmp, 0, sizeof(tmp));
	if (ktype == INT8OID || ktype == INT4OID || ktype == INT2OID)
	{
		tmp.ikey = ktype == INT8OID ? PG_GETARG_INT64(1) :
			ktype == INT4OID ? PG_GETARG_INT32(1) : PG_GETARG_INT16(1);
		keytext = psprintf(INT64_FORMAT, tmp.ikey);
	}
	else
	{
		text	   *t = PG_GETARG_TEXT_PP(1);

		tmp.tlen = VARSIZE_ANY_EXHDR(t);
		keytext = text_to_cstring(t);
	}
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("segspace: argument \"geom\" of unit %s is NULL", keytext)));

	/* detoast once: about a dozen PostGIS calls read this geometry */
	geom = PointerGetDatum(PG_DETOAST_DATUM(PG_GETARG_DATUM(2)));
	srid = unit_numbers(h, geom, keytext, nums);
	for (int k = 0; k < SEG_NUMS; k++)
		if (isnan(nums[k]) || isinf(nums[k]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("segspace: argument \"geom\" of unit %s has non-finite coordinates",
							keytext)));
	ewkb = FunctionCall1(&h->asewkb, geom);

	old = MemoryContextSwitchTo(aggcxt);
	state_set_kind(st, (ktype == INT8OID || ktype == INT4OID || ktype == INT2OID) ?
				   SEG_KEY_INT : SEG_KEY_TEXT);
	state_set_srid(st, srid, keytext);
	{
		SpUnit	   *u = state_append(st);

		*u = tmp;
		if (st->kind == SEG_KEY_TEXT)
			u->tkey = pstrdup(keytext);
		memcpy(u->num, nums, sizeof(double) * SEG_NUMS);
		u->ewkb = DatumGetByteaPCopy(ewkb);
	}
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

/* segspace_merge_sfunc(internal, segspace) */
Datum
segspace_merge_sfunc(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	MemoryContext old;
	SpState    *st = state_arg(fcinfo, 0, &aggcxt, "seg_merge");
	SpState    *v;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(st);
	v = state_from_datum_ex(PG_GETARG_DATUM(1), true);
	old = MemoryContextSwitchTo(aggcxt);
	state_add_units(st, v);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

Datum
segspace_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt = seg_aggregate_context(fcinfo, "segspace_combine");
	MemoryContext old;
	SpState    *a = PG_ARGISNULL(0) ? NULL : (SpState *) PG_GETARG_POINTER(0);
	SpState    *b = PG_ARGISNULL(1) ? NULL : (SpState *) PG_GETARG_POINTER(1);

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	old = MemoryContextSwitchTo(aggcxt);
	if (a == NULL)
		a = state_new();
	state_add_units(a, b);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(a);
}

Datum
segspace_serialize(PG_FUNCTION_ARGS)
{
	SpState    *st = (SpState *) PG_GETARG_POINTER(0);

	PG_RETURN_BYTEA_P(state_to_bytes(st, true));
}

Datum
segspace_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	MemoryContext aggcxt = seg_aggregate_context(fcinfo, "segspace_deserialize");
	MemoryContext old = MemoryContextSwitchTo(aggcxt);
	SpState    *st = state_from_bytes(VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b),
									  true, false, true);

	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

/* Bounding-box sweep order: units by xmin. */
static const SpUnit *sweep_units;

static int
sweep_cmp(const void *a, const void *b)
{
	double		xa = sweep_units[*(const int32 *) a].num[4];
	double		xb = sweep_units[*(const int32 *) b].num[4];

	if (xa != xb)
		return xa < xb ? -1 : 1;
	return (*(const int32 *) a > *(const int32 *) b) -
		(*(const int32 *) a < *(const int32 *) b);
}

static int
edge_cmp(const void *a, const void *b)
{
	const SpEdge *x = a;
	const SpEdge *y = b;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return (x->b > y->b) - (x->b < y->b);
}

/* Finds the contiguity edges of st's (sorted) units through PostGIS. */
static void
find_edges(SpState *st, SpHelpers *h)
{
	int32		n = st->n;
	int32	   *order = palloc_extended(sizeof(int32) * Max(n, 1), MCXT_ALLOC_HUGE);
	Datum	   *geoms = palloc_extended(sizeof(Datum) * Max(n, 1), MCXT_ALLOC_HUGE);
	bool	   *have = palloc_extended(sizeof(bool) * Max(n, 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	int32		cap = 64;
	int64		noverlaps = 0;
	double		worst = 0;

	st->nedges = 0;
	st->edges = palloc(sizeof(SpEdge) * cap);
	for (int32 i = 0; i < n; i++)
		order[i] = i;
	sweep_units = st->units;
	qsort(order, n, sizeof(int32), sweep_cmp);

	for (int32 oi = 0; oi < n; oi++)
	{
		const SpUnit *ui = &st->units[order[oi]];

		for (int32 oj = oi + 1; oj < n; oj++)
		{
			const SpUnit *uj = &st->units[order[oj]];
			double		res[3];
			int32		a,
						b;

			if (uj->num[4] > ui->num[6])
				break;
			if (uj->num[5] > ui->num[7] || uj->num[7] < ui->num[5])
				continue;
			a = Min(order[oi], order[oj]);
			b = Max(order[oi], order[oj]);
			for (int k = 0; k < 2; k++)
			{
				int32		x = k == 0 ? a : b;

				if (!have[x])
				{
					geoms[x] = FunctionCall1(&h->fromewkb, PointerGetDatum(st->units[x].ewkb));
					have[x] = true;
				}
			}
			CHECK_FOR_INTERRUPTS();
			pair_relation(h, geoms[order[oi]], geoms[order[oj]], res);
			if (res[0] == 0)
				continue;
			if (res[0] < 0)
			{
				/* an overlap is a rook contact; remember the worst one */
				double		smaller = Min(st->units[a].num[0], st->units[b].num[0]);

				noverlaps++;
				if (smaller > 0 && isfinite(res[2]))
					worst = Max(worst, res[2] / smaller);
				res[0] = SEG_EDGE_QUEEN | SEG_EDGE_ROOK;
			}
			if (st->nedges == cap)
			{
				cap *= 2;
				st->edges = repalloc_huge(st->edges, sizeof(SpEdge) * cap);
			}
			st->edges[st->nedges].a = a;
			st->edges[st->nedges].b = b;
			st->edges[st->nedges].flags = (uint8) res[0];
			st->edges[st->nedges].length =
				(res[0] == 3 && res[1] > 0 && isfinite(res[1])) ? res[1] : 0;
			st->nedges++;
		}
	}
	qsort(st->edges, st->nedges, sizeof(SpEdge), edge_cmp);
	if (noverlaps > 0)
		ereport(NOTICE,
				(errmsg_plural("segspace: %lld pair of polygons overlaps; the overlap is %.3g%% of the smaller polygon's area",
							   "segspace: %lld pairs of polygons overlap; the largest overlap is %.3g%% of the smaller polygon's area",
							   noverlaps, (long long) noverlaps, 100 * worst),
				 errdetail("Overlapping units are rook neighbours sharing half the perimeter of their intersection.")));
}

Datum
segspace_final(PG_FUNCTION_ARGS)
{
	SpState    *st;
	SpHelpers  *h;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (SpState *) PG_GETARG_POINTER(0);
	if (st->n == 0)
		PG_RETURN_NULL();
	h = helpers_get(fcinfo);

	/* the final function may run more than once on one state: sort in place */
	sort_kind = st->kind;
	qsort(st->units, st->n, sizeof(SpUnit), unit_qsort_cmp);
	for (int32 i = 1; i < st->n; i++)
		if (unit_cmp(&st->units[i - 1], &st->units[i], st->kind) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("segspace: unit %s appears more than once",
							unit_key_text(&st->units[i], st->kind)),
					 errhint("Give each unit one geometry (ST_Union its parts).")));
	st->geographic = DatumGetBool(FunctionCall1(&h->geographic,
												Int32GetDatum(st->srid)));
	find_edges(st, h);
	PG_RETURN_BYTEA_P(state_to_bytes(st, false));
}

/* ----------------------------------------------------------------- I/O */

Datum
segspace_out(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	int32		len = VARSIZE_ANY_EXHDR(b);
	int			plen = strlen(SEGSPACE_TEXT_PREFIX);
	char	   *out = palloc((Size) len * 2 + plen + 1);

	memcpy(out, SEGSPACE_TEXT_PREFIX, plen);
	hex_encode(VARDATA_ANY(b), len, out + plen);
	out[plen + len * 2] = '\0';
	PG_RETURN_CSTRING(out);
}

Datum
segspace_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		plen = strlen(SEGSPACE_TEXT_PREFIX);
	size_t		slen = strlen(str);
	bytea	   *b;
	int64		blen;

	if (slen < plen || strncmp(str, SEGSPACE_TEXT_PREFIX, plen) != 0 ||
		(slen - plen) % 2 != 0 ||
		strspn(str + plen, "0123456789abcdefABCDEF") != slen - plen)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type segspace"),
				 errdetail("A segspace literal is \"%s\" followed by the hexadecimal portable bytes.",
						   SEGSPACE_TEXT_PREFIX)));
	b = palloc(VARHDRSZ + (slen - plen) / 2);
	blen = hex_decode(str + plen, slen - plen, VARDATA(b));
	SET_VARSIZE(b, VARHDRSZ + blen);
	(void) state_from_bytes(VARDATA(b), blen, false, true, false);
	PG_RETURN_BYTEA_P(b);
}

Datum
segspace_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	bytea	   *b = palloc(VARHDRSZ + len);

	memcpy(VARDATA(b), buf->data + buf->cursor, len);
	SET_VARSIZE(b, VARHDRSZ + len);
	buf->cursor = buf->len;
	(void) state_from_bytes(VARDATA(b), len, false, true, false);
	PG_RETURN_BYTEA_P(b);
}

Datum
segspace_send(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));

	PG_RETURN_BYTEA_P(b);
}

Datum
segspace_from_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_P_COPY(0);

	(void) state_from_bytes(VARDATA(b), VARSIZE(b) - VARHDRSZ, false, true, false);
	PG_RETURN_BYTEA_P(b);
}

/* ------------------------------------------------- contract for kernels */

SegSpace *
segspace_from_datum(Datum value)
{
	SpState    *st = state_from_datum(value);
	SegSpace   *s = palloc0(sizeof(SegSpace));
	int32		n = st->n;
	int32	   *fill;

	s->nunits = n;
	s->unit_kind = st->kind == 0 ? SEG_KEY_TEXT : (SegKeyKind) st->kind;
	s->srid = st->srid;
	s->geographic = st->geographic;
	s->unit_keys = palloc_extended(sizeof(char *) * Max(n, 1), MCXT_ALLOC_HUGE);
	s->area = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	s->cx = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	s->cy = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	s->perimeter = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	for (int32 i = 0; i < n; i++)
	{
		s->unit_keys[i] = unit_key_text(&st->units[i], st->kind);
		s->area[i] = st->units[i].num[0];
		s->cx[i] = st->units[i].num[1];
		s->cy[i] = st->units[i].num[2];
		s->perimeter[i] = st->units[i].num[3];
	}
	s->edge_start = palloc_extended(sizeof(int32) * (n + 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	s->edge_unit = palloc_extended(sizeof(int32) * Max(2 * st->nedges, 1), MCXT_ALLOC_HUGE);
	s->edge_length = palloc_extended(sizeof(double) * Max(2 * st->nedges, 1), MCXT_ALLOC_HUGE);
	s->edge_flags = palloc_extended(sizeof(uint8) * Max(2 * st->nedges, 1), MCXT_ALLOC_HUGE);
	for (int32 e = 0; e < st->nedges; e++)
	{
		s->edge_start[st->edges[e].a + 1]++;
		s->edge_start[st->edges[e].b + 1]++;
	}
	for (int32 i = 0; i < n; i++)
		s->edge_start[i + 1] += s->edge_start[i];
	fill = palloc_extended(sizeof(int32) * Max(n, 1), MCXT_ALLOC_HUGE);
	memcpy(fill, s->edge_start, sizeof(int32) * n);
	/* edges are sorted by (a, b), so every row comes out sorted by neighbour */
	for (int pass = 0; pass < 2; pass++)
		for (int32 e = 0; e < st->nedges; e++)
		{
			const SpEdge *ed = &st->edges[e];
			int32		from = pass == 0 ? ed->b : ed->a;
			int32		to = pass == 0 ? ed->a : ed->b;

			/* pass 0 puts the smaller neighbours first */
			s->edge_unit[fill[from]] = to;
			s->edge_length[fill[from]] = ed->length;
			s->edge_flags[fill[from]] = ed->flags;
			fill[from]++;
		}
	pfree(fill);
	return s;
}

int32 *
segspace_match_units(const SegSpace *s, const SegMatrix *m)
{
	int32	   *idx = palloc_extended(sizeof(int32) * Max(m->nunits, 1), MCXT_ALLOC_HUGE);
	int32		j = 0;

	if (m->nunits > 0 && s->nunits > 0 && m->unit_kind != s->unit_kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the segtable has %s unit keys but the segspace has %s keys",
						m->unit_kind == SEG_KEY_INT ? "integer" : "text",
						s->unit_kind == SEG_KEY_INT ? "integer" : "text")));
	for (int32 u = 0; u < m->nunits; u++)
	{
		const char *k = m->unit_keys[u];
		int64		ik = 0;

		if (m->unit_kind == SEG_KEY_INT)
			ik = strtoll(k, NULL, 10);
		for (;;)
		{
			int			c;

			if (j >= s->nunits)
				c = 1;
			else if (m->unit_kind == SEG_KEY_INT)
			{
				int64		sk = strtoll(s->unit_keys[j], NULL, 10);

				c = (ik > sk) - (ik < sk);
			}
			else
				c = strcmp(k, s->unit_keys[j]);
			if (c == 0)
				break;
			if (c < 0 || j >= s->nunits)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("unit %s of the segtable is not in the segspace", k),
						 errhint("Build the segspace over every unit of the table.")));
			j++;
		}
		idx[u] = j;
	}
	return idx;
}

void
segspace_require_projected(const SegSpace *s, const char *measure)
{
	if (s->geographic)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the segspace has the geographic SRID %d, but this measure depends on distances",
						measure, s->srid),
				 errhint("Build the segspace over ST_Transform(geom, <projected SRID>), e.g. 3006 (SWEREF 99 TM) or a UTM zone.")));
}

/* ------------------------------------------------------------ accessors */

Datum
seg_layout_nunits(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(state_from_datum(PG_GETARG_DATUM(0))->n);
}

Datum
seg_nedges(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(state_from_datum(PG_GETARG_DATUM(0))->nedges);
}

Datum
seg_srid(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(state_from_datum(PG_GETARG_DATUM(0))->srid);
}

Datum
seg_is_geographic(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(state_from_datum(PG_GETARG_DATUM(0))->geographic);
}

Datum
seg_has_contiguity(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(state_from_datum(PG_GETARG_DATUM(0))->contiguity);
}

/* seg_layout(segspace) -> setof (unit, area, cx, cy, perimeter) */
Datum
seg_layout(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Tuplestorestate *store = seg_begin_materialize(fcinfo, &tupdesc);
	SpState    *st = state_from_datum(PG_GETARG_DATUM(0));
	for (int32 i = 0; i < st->n; i++)
	{
		Datum		v[5];
		bool		nulls[5] = {0};

		v[0] = CStringGetTextDatum(unit_key_text(&st->units[i], st->kind));
		for (int k = 0; k < 4; k++)
			v[k + 1] = Float8GetDatum(st->units[i].num[k]);
		tuplestore_putvalues(store, tupdesc, v, nulls);
	}
	return (Datum) 0;
}

/* seg_edges(segspace) -> setof (unit_a, unit_b, rook, length), a < b */
Datum
seg_edges(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Tuplestorestate *store = seg_begin_materialize(fcinfo, &tupdesc);
	SpState    *st = state_from_datum(PG_GETARG_DATUM(0));
	for (int32 e = 0; e < st->nedges; e++)
	{
		Datum		v[4];
		bool		nulls[4] = {0};

		v[0] = CStringGetTextDatum(unit_key_text(&st->units[st->edges[e].a], st->kind));
		v[1] = CStringGetTextDatum(unit_key_text(&st->units[st->edges[e].b], st->kind));
		v[2] = BoolGetDatum((st->edges[e].flags & SEG_EDGE_ROOK) != 0);
		v[3] = Float8GetDatum(st->edges[e].length);
		tuplestore_putvalues(store, tupdesc, v, nulls);
	}
	return (Datum) 0;
}
