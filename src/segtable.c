/*-------------------------------------------------------------------------
 *
 * segtable.c
 *	  The segtable type (a sparse unit x group count table), the aggregates
 *	  that build and merge it, its accessors, and the SegMatrix expansion
 *	  that measure functions read (see segmatrix.h).
 *
 * The aggregate state keeps two key dictionaries (units, groups) in
 * simplehash tables and, per unit, a short array of (group, count) cells
 * that switches to a per-unit simplehash once the unit has many groups.
 * Memory therefore grows with the number of distinct cells, never with the
 * number of rows.  The per-row path is tuned for the common shapes: the
 * last unit looked up is compared before hashing (registers are usually
 * ordered by area), small non-negative integer groups go through a direct
 * map, and nothing is palloc'd unless a new key or cell appears.
 *
 * Values are stored, sent and exchanged between parallel workers in one
 * portable byte layout described in segtable.h.
 *
 *-------------------------------------------------------------------------
 */
#include "segindex.h"
#include "segtable.h"

#include <math.h>
#include <errno.h>
#include <limits.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "port/pg_bswap.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(segtable_in);
PG_FUNCTION_INFO_V1(segtable_out);
PG_FUNCTION_INFO_V1(segtable_recv);
PG_FUNCTION_INFO_V1(segtable_send);
PG_FUNCTION_INFO_V1(segtable_from_bytea);
PG_FUNCTION_INFO_V1(segtable_sfunc);
PG_FUNCTION_INFO_V1(segtable_wide_sfunc);
PG_FUNCTION_INFO_V1(segtable_merge_sfunc);
PG_FUNCTION_INFO_V1(segtable_combine);
PG_FUNCTION_INFO_V1(segtable_serialize);
PG_FUNCTION_INFO_V1(segtable_deserialize);
PG_FUNCTION_INFO_V1(segtable_final);
PG_FUNCTION_INFO_V1(seg_total);
PG_FUNCTION_INFO_V1(seg_nunits);
PG_FUNCTION_INFO_V1(seg_ngroups);
PG_FUNCTION_INFO_V1(seg_ncells);
PG_FUNCTION_INFO_V1(seg_cells);
PG_FUNCTION_INFO_V1(seg_units);
PG_FUNCTION_INFO_V1(seg_groups);

#define SEGTABLE_HEADER_SIZE 16
#define SEG_CELL_SIZE 12		/* int32 group index + float8 count */

/* Integer group keys 0 .. SEG_SMALL_KEYS-1 are looked up in a direct map. */
#define SEG_SMALL_KEYS 16

/*
 * The counts of groups with index below this live in the unit's hash
 * bucket, so a row costs one bucket access.  Group indexes follow first
 * appearance, so with up to this many groups every cell is there.
 */
#define SEG_INLINE_GROUPS 8

/* A unit's other cells are searched linearly up to this many, hashed beyond. */
#define SEG_LINEAR_CELLS 16

/* ------------------------------------------------------------------------
 * Keys
 * ------------------------------------------------------------------------
 */

typedef struct SegTextKey
{
	const char *str;			/* not NUL-terminated */
	int32		len;
} SegTextKey;

/* The keys of one dimension, by index. */
typedef struct SegKeyVec
{
	char		kind;			/* SEG_KEY_INT, SEG_KEY_TEXT, or 0 if none yet */
	int32		n;
	int64	   *ints;
	SegTextKey *texts;
} SegKeyVec;

/*
 * Equality of two byte strings of length len.  Keys are usually short
 * codes; two overlapping word loads beat a libc memcmp call there, and
 * branch the same way whatever byte differs.
 */
static inline bool
key_bytes_equal(const char *a, const char *b, int32 len)
{
	if (len >= 8 && len <= 16)
	{
		uint64		a1,
					b1,
					a2,
					b2;

		memcpy(&a1, a, 8);
		memcpy(&b1, b, 8);
		memcpy(&a2, a + len - 8, 8);
		memcpy(&b2, b + len - 8, 8);
		return ((a1 ^ b1) | (a2 ^ b2)) == 0;
	}
	if (len >= 4 && len < 8)
	{
		uint32		a1,
					b1,
					a2,
					b2;

		memcpy(&a1, a, 4);
		memcpy(&b1, b, 4);
		memcpy(&a2, a + len - 4, 4);
		memcpy(&b2, b + len - 4, 4);
		return ((a1 ^ b1) | (a2 ^ b2)) == 0;
	}
	if (len < 4)
	{
		for (int32 i = 0; i < len; i++)
			if (a[i] != b[i])
				return false;
		return true;
	}
	return memcmp(a, b, len) == 0;
}

static inline int
text_key_cmp(const SegTextKey *a, const SegTextKey *b)
{
	int			c = memcmp(a->str, b->str, Min(a->len, b->len));

	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

/* qsort_arg comparator over key indexes; arg is the SegKeyVec. */
static int
key_index_cmp(const void *a, const void *b, void *arg)
{
	const SegKeyVec *v = (const SegKeyVec *) arg;
	int32		i = *(const int32 *) a;
	int32		j = *(const int32 *) b;

	if (v->kind == SEG_KEY_INT)
		return (v->ints[i] > v->ints[j]) - (v->ints[i] < v->ints[j]);
	return text_key_cmp(&v->texts[i], &v->texts[j]);
}

/* murmur3's 64-bit finalizer: cheap, and mixes every input bit. */
static inline uint32
hash_int64_key(int64 key)
{
	uint64		h = (uint64) key;

	h ^= h >> 33;
	h *= UINT64CONST(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64CONST(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (uint32) h;
}

/*
 * Hash of a text key for the in-memory dictionaries (never stored).  Short
 * keys, the usual area and group codes, are read as two overlapping words
 * and mixed, several times cheaper than hash_bytes() per row.
 */
static inline uint32
hash_text_key(const char *s, int32 len)
{
	uint64		a,
				b;

	if (len >= 8 && len <= 16)
	{
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
	}
	else if (len >= 4 && len < 8)
	{
		uint32		x,
					y;

		memcpy(&x, s, 4);
		memcpy(&y, s + len - 4, 4);
		a = x;
		b = y;
	}
	else if (len < 4)
	{
		a = 0;
		b = 0;
		for (int32 i = 0; i < len; i++)
			a = (a << 8) | (uint8) s[i];
	}
	else
		return hash_bytes((const unsigned char *) s, len);
	return hash_int64_key((int64) (a ^ (b * UINT64CONST(0x9e3779b97f4a7c15)) ^
								   ((uint64) len << 56)));
}

static const char *
kind_name(char kind)
{
	return kind == SEG_KEY_INT ? "integer" : "text";
}

/* ------------------------------------------------------------------------
 * Hash tables (lib/simplehash.h)
 * ------------------------------------------------------------------------
 */

/* integer key -> key index */
/* (unit dictionaries use cnt[]; group dictionaries leave it zero) */
typedef struct SegIntEntry
{
	int64		key;
	int32		index;
	char		status;
	double		cnt[SEG_INLINE_GROUPS];
} SegIntEntry;

#define SH_PREFIX seg_ihash
#define SH_ELEMENT_TYPE SegIntEntry
#define SH_KEY_TYPE int64
#define SH_KEY key
#define SH_HASH_KEY(tb, k) hash_int64_key(k)
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/*
 * text key -> key index.  Keys of up to SEG_INLINE_KEY bytes are stored in
 * the bucket itself, so a probe reads one cache line instead of chasing a
 * pointer per row; longer ones point to a copy.  A probe key always points
 * to the caller's bytes.
 */
#define SEG_INLINE_KEY 16

typedef struct SegHashKey
{
	union
	{
		const char *ptr;
		char		inl[SEG_INLINE_KEY];
	}			u;
	int32		len;
	bool		probe;
} SegHashKey;

typedef struct SegTextEntry
{
	SegHashKey	key;
	int32		index;
	char		status;
	double		cnt[SEG_INLINE_GROUPS];
} SegTextEntry;

static inline const char *
hash_key_bytes(const SegHashKey *k)
{
	return (k->probe || k->len > SEG_INLINE_KEY) ? k->u.ptr : k->u.inl;
}

#define SH_PREFIX seg_thash
#define SH_ELEMENT_TYPE SegTextEntry
#define SH_KEY_TYPE SegHashKey
#define SH_KEY key
#define SH_HASH_KEY(tb, k) hash_text_key(hash_key_bytes(&(k)), (k).len)
#define SH_EQUAL(tb, a, b) \
	((a).len == (b).len && \
	 key_bytes_equal(hash_key_bytes(&(a)), hash_key_bytes(&(b)), (a).len))
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* group index -> position in a unit's cell arrays */
typedef struct SegCellEntry
{
	int32		key;
	int32		pos;
	char		status;
} SegCellEntry;

#define SH_PREFIX seg_chash
#define SH_ELEMENT_TYPE SegCellEntry
#define SH_KEY_TYPE int32
#define SH_KEY key
#define SH_HASH_KEY(tb, k) murmurhash32((uint32) (k))
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* ------------------------------------------------------------------------
 * Aggregate state
 * ------------------------------------------------------------------------
 */

/*
 * The keys of one dimension plus the structures that find them.  The fields
 * every row reads come first, to touch few cache lines.
 */
typedef struct SegDict
{
	int32		last;			/* index returned by the last lookup, or -1 */
	int32		last_len;		/* its key, text kind, if <= SEG_INLINE_KEY */
	int64		last_int;		/* its key, integer kind */
	double	   *last_row;		/* its bucket's cnt[] (see dict_int()) */
	char		last_key[SEG_INLINE_KEY];
	seg_ihash_hash *ihash;
	seg_thash_hash *thash;
	int32		small[SEG_SMALL_KEYS];	/* direct map of small integer keys */
	SegKeyVec	keys;
	int32		cap;
	const char *what;			/* "unit" or "group", for messages */
} SegDict;

/*
 * The cells of one unit whose group index is >= SEG_INLINE_GROUPS: a list,
 * hashed once it is long.
 */
typedef struct UnitCells
{
	int32		n;				/* grp[] and cnt[] share one allocation */
	int32		cap;
	int32	   *grp;
	double	   *cnt;
	seg_chash_hash *hash;		/* group -> position, once n > SEG_LINEAR_CELLS */
} UnitCells;

/*
 * The cells of unit u with group g < SEG_INLINE_GROUPS are in cnt[g] of u's
 * bucket in the unit dictionary (0 = no cell); the others in cells[u].
 */
typedef struct SegState
{
	double		total;
	SegDict		units;
	SegDict		groups;
	UnitCells  *cells;			/* by unit index */
	int32		cells_cap;
	MemoryContext cxt;			/* everything lives here */
	bool		transient;		/* made by deserialize; cxt is its own */
} SegState;

static void
dict_init(SegDict *d, const char *what)
{
	memset(d, 0, sizeof(SegDict));
	d->what = what;
	d->last = -1;
	for (int i = 0; i < SEG_SMALL_KEYS; i++)
		d->small[i] = -1;
}

static SegState *
state_new(MemoryContext cxt)
{
	SegState   *st = MemoryContextAllocZero(cxt, sizeof(SegState));

	st->cxt = cxt;
	dict_init(&st->units, "unit");
	dict_init(&st->groups, "group");
	return st;
}

/* Fixes the dictionary's key kind on first use; mixing kinds is an error. */
static void
dict_set_kind(SegState *st, SegDict *d, char kind)
{
	if (d->keys.kind == 0)
	{
		d->keys.kind = kind;
		if (kind == SEG_KEY_INT)
			d->ihash = seg_ihash_create(st->cxt, 16, NULL);
		else
			d->thash = seg_thash_create(st->cxt, 16, NULL);
		return;
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("cannot mix %s and %s %s keys in one segtable",
					kind_name(d->keys.kind), kind_name(kind), d->what)));
}

/* Appends a key slot; the unit dictionary keeps st->cells in step. */
static int32
dict_append(SegState *st, SegDict *d)
{
	if (d->keys.n == d->cap)
	{
		int32		newcap;

		if (d->cap >= PG_INT32_MAX / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many distinct %s keys in a segtable", d->what)));
		newcap = d->cap ? d->cap * 2 : 16;
		if (d->keys.kind == SEG_KEY_INT)
			d->keys.ints = d->keys.ints
				? repalloc_huge(d->keys.ints, newcap * sizeof(int64))
				: MemoryContextAllocHuge(st->cxt, newcap * sizeof(int64));
		else
			d->keys.texts = d->keys.texts
				? repalloc_huge(d->keys.texts, newcap * sizeof(SegTextKey))
				: MemoryContextAllocHuge(st->cxt, newcap * sizeof(SegTextKey));
		d->cap = newcap;
	}
	if (d == &st->units && d->keys.n == st->cells_cap)
	{
		int32		newcap = d->cap;

		st->cells = st->cells
			? repalloc_huge(st->cells, newcap * sizeof(UnitCells))
			: MemoryContextAllocHuge(st->cxt, newcap * sizeof(UnitCells));
		memset(st->cells + st->cells_cap, 0,
			   (newcap - st->cells_cap) * sizeof(UnitCells));
		st->cells_cap = newcap;
	}
	return d->keys.n++;
}

/*
 * The dictionary lookups return a key's index and set *row to its bucket's
 * cnt[] (unit dictionaries use it).  The pointer stays valid until the next
 * insertion of a key into the same dictionary.
 */
static int32
dict_int_slow(SegState *st, SegDict *d, int64 key, double **row)
{
	SegIntEntry *e;
	bool		found;

	if (unlikely(d->keys.kind != SEG_KEY_INT))
		dict_set_kind(st, d, SEG_KEY_INT);
	e = seg_ihash_insert(d->ihash, key, &found);
	if (!found)
	{
		/* robin hood insertion may leave a moved entry's bytes here */
		memset(e->cnt, 0, sizeof(e->cnt));
		e->index = dict_append(st, d);
		d->keys.ints[e->index] = key;
		if (key >= 0 && key < SEG_SMALL_KEYS && d != &st->units)
			d->small[key] = e->index;
	}
	d->last = e->index;
	d->last_int = key;
	d->last_row = e->cnt;
	*row = e->cnt;
	return e->index;
}

/* Index of an integer key, added if new. */
static inline int32
dict_int(SegState *st, SegDict *d, int64 key, double **row)
{
	if (key >= 0 && key < SEG_SMALL_KEYS && d->small[key] >= 0)
	{
		*row = NULL;			/* group dictionaries only */
		return d->small[key];
	}
	if (d->last >= 0 && d->last_int == key && d->keys.kind == SEG_KEY_INT)
	{
		*row = d->last_row;
		return d->last;
	}
	return dict_int_slow(st, d, key, row);
}

static int32
dict_text_slow(SegState *st, SegDict *d, const char *str, int32 len,
			   double **row)
{
	SegTextEntry *e;
	SegHashKey	key;
	bool		found;

	if (unlikely(d->keys.kind != SEG_KEY_TEXT))
		dict_set_kind(st, d, SEG_KEY_TEXT);
	key.u.ptr = str;
	key.len = len;
	key.probe = true;
	e = seg_thash_insert(d->thash, key, &found);
	if (!found)
	{
		/* the caller's bytes are transient: keep a copy */
		char	   *copy = MemoryContextAlloc(st->cxt, len + 1);

		memcpy(copy, str, len);
		copy[len] = '\0';
		e->key.probe = false;
		if (len <= SEG_INLINE_KEY)
			memcpy(e->key.u.inl, str, len);
		else
			e->key.u.ptr = copy;
		memset(e->cnt, 0, sizeof(e->cnt));
		e->index = dict_append(st, d);
		d->keys.texts[e->index].str = copy;
		d->keys.texts[e->index].len = len;
	}
	/* remember the key for the next row's check */
	d->last = e->index;
	d->last_len = len;
	if (len <= SEG_INLINE_KEY)
		memcpy(d->last_key, str, len);
	d->last_row = e->cnt;
	*row = e->cnt;
	return e->index;
}

/* Index of a text key, added if new. */
static inline int32
dict_text(SegState *st, SegDict *d, const char *str, int32 len, double **row)
{
	if (d->last >= 0 && d->last_len == len && len <= SEG_INLINE_KEY &&
		d->keys.kind == SEG_KEY_TEXT && key_bytes_equal(d->last_key, str, len))
	{
		*row = d->last_row;
		return d->last;
	}
	return dict_text_slow(st, d, str, len, row);
}

/* Index of key i of v in d, added if new. */
static int32
dict_copy_key(SegState *st, SegDict *d, const SegKeyVec *v, int32 i,
			  double **row)
{
	if (v->kind == SEG_KEY_INT)
		return dict_int(st, d, v->ints[i], row);
	return dict_text(st, d, v->texts[i].str, v->texts[i].len, row);
}

/* Whether key is in d, without adding it (for the text parser). */
static bool
dict_contains(SegDict *d, bool is_int, int64 ikey, const char *str, int32 len)
{
	if (d->keys.kind == 0)
		return false;
	if (is_int)
		return d->keys.kind == SEG_KEY_INT && seg_ihash_lookup(d->ihash, ikey) != NULL;
	if (d->keys.kind != SEG_KEY_TEXT)
		return false;
	{
		SegHashKey	key;

		key.u.ptr = str;
		key.len = len;
		key.probe = true;
		return seg_thash_lookup(d->thash, key) != NULL;
	}
}

static void
cells_grow(SegState *st, UnitCells *uc)
{
	int32		newcap = uc->cap ? uc->cap * 2 : 4;
	char	   *mem;
	double	   *cnt;
	int32	   *grp;

	mem = MemoryContextAllocHuge(st->cxt,
								 (Size) newcap * (sizeof(double) + sizeof(int32)));
	cnt = (double *) mem;
	grp = (int32 *) (mem + (Size) newcap * sizeof(double));
	if (uc->n > 0)
	{
		memcpy(cnt, uc->cnt, uc->n * sizeof(double));
		memcpy(grp, uc->grp, uc->n * sizeof(int32));
		pfree(uc->cnt);
	}
	uc->cnt = cnt;
	uc->grp = grp;
	uc->cap = newcap;
}

/* Adds an empty sparse cell for group g at the end of uc's arrays. */
static double *
cell_append(SegState *st, UnitCells *uc, int32 g)
{
	int32		pos;

	if (uc->n == uc->cap)
		cells_grow(st, uc);
	pos = uc->n++;
	uc->grp[pos] = g;
	uc->cnt[pos] = 0;
	if (uc->hash != NULL)
	{
		bool		found;

		seg_chash_insert(uc->hash, g, &found)->pos = pos;
	}
	else if (uc->n > SEG_LINEAR_CELLS)
	{
		/* the unit has many groups: index its cells from now on */
		uc->hash = seg_chash_create(st->cxt, uc->n * 2, NULL);
		for (int32 i = 0; i < uc->n; i++)
		{
			bool		found;

			seg_chash_insert(uc->hash, uc->grp[i], &found)->pos = i;
		}
	}
	return &uc->cnt[pos];
}

/* The count of cell (u, g) for g >= SEG_INLINE_GROUPS. */
static double *
cell_slot_slow(SegState *st, int32 u, int32 g)
{
	UnitCells  *uc = &st->cells[u];

	if (uc->hash == NULL)
	{
		for (int32 i = 0; i < uc->n; i++)
			if (uc->grp[i] == g)
				return &uc->cnt[i];
	}
	else
	{
		SegCellEntry *e = seg_chash_lookup(uc->hash, g);

		if (e != NULL)
			return &uc->cnt[e->pos];
	}
	return cell_append(st, uc, g);
}

static void
total_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("segtable total count is out of range for type double precision")));
}

/* Adds w (finite, >= 0) to cell (u, g); row is u's bucket cnt[]. */
static inline void
cell_add(SegState *st, double *row, int32 u, int32 g, double w)
{
	if (likely(g < SEG_INLINE_GROUPS))
		row[g] += w;
	else
		*cell_slot_slow(st, u, g) += w;
	st->total += w;
	if (unlikely(isinf(st->total)))
		total_overflow();
}

/*
 * The positive cells of unit u, in storage order, into grp[] and cnt[]
 * (room for max_unit_cells() entries); returns how many.
 */
static int32
unit_cells(const SegState *st, double *const *rows, int32 u,
		   int32 *grp, double *cnt)
{
	const UnitCells *uc = &st->cells[u];
	const double *row = rows[u];
	int32		k = 0;

	for (int32 g = 0; g < SEG_INLINE_GROUPS; g++)
	{
		if (row[g] > 0)
		{
			grp[k] = g;
			cnt[k++] = row[g];
		}
	}
	for (int32 i = 0; i < uc->n; i++)
	{
		if (uc->cnt[i] > 0)
		{
			grp[k] = uc->grp[i];
			cnt[k++] = uc->cnt[i];
		}
	}
	return k;
}

/* Room unit_cells() needs for any unit of st. */
static int32
max_unit_cells(const SegState *st)
{
	int32		m = 0;

	for (int32 u = 0; u < st->units.keys.n; u++)
		m = Max(m, SEG_INLINE_GROUPS + st->cells[u].n);
	return Max(m, 1);
}

/* The bucket cnt[] of every unit, by unit index (valid until an insert). */
static double **
unit_rows(const SegState *st)
{
	double	  **rows = palloc0(Max(st->units.keys.n, 1) * sizeof(double *));

	if (st->units.keys.kind == SEG_KEY_INT)
	{
		seg_ihash_iterator it;
		SegIntEntry *e;

		seg_ihash_start_iterate(st->units.ihash, &it);
		while ((e = seg_ihash_iterate(st->units.ihash, &it)) != NULL)
			rows[e->index] = e->cnt;
	}
	else if (st->units.keys.kind == SEG_KEY_TEXT)
	{
		seg_thash_iterator it;
		SegTextEntry *e;

		seg_thash_start_iterate(st->units.thash, &it);
		while ((e = seg_thash_iterate(st->units.thash, &it)) != NULL)
			rows[e->index] = e->cnt;
	}
	return rows;
}

/* Adds every cell of src into dst (src is not modified). */
static void
state_add_state(SegState *dst, const SegState *src)
{
	int32	   *gmap,
			   *grp;
	double	   *cnt,
			   *row,
			  **rows;
	int32		room;

	if (src->groups.keys.n == 0)
		return;
	gmap = palloc(src->groups.keys.n * sizeof(int32));
	for (int32 g = 0; g < src->groups.keys.n; g++)
		gmap[g] = dict_copy_key(dst, &dst->groups, &src->groups.keys, g, &row);
	room = max_unit_cells(src);
	grp = palloc(room * sizeof(int32));
	cnt = palloc(room * sizeof(double));
	rows = unit_rows(src);
	for (int32 u = 0; u < src->units.keys.n; u++)
	{
		int32		n = unit_cells(src, rows, u, grp, cnt);
		int32		du;

		if (n == 0)
			continue;
		du = dict_copy_key(dst, &dst->units, &src->units.keys, u, &row);
		for (int32 i = 0; i < n; i++)
			cell_add(dst, row, du, gmap[grp[i]], cnt[i]);
	}
	pfree(rows);
	pfree(gmap);
	pfree(grp);
	pfree(cnt);
}

/* ------------------------------------------------------------------------
 * Writing the portable form
 * ------------------------------------------------------------------------
 */

typedef struct SegWriter
{
	char	   *p;
} SegWriter;

static inline void
put_u8(SegWriter *w, uint8 v)
{
	*w->p++ = (char) v;
}

static inline void
put_i32(SegWriter *w, int32 v)
{
	uint32		n = pg_hton32((uint32) v);

	memcpy(w->p, &n, 4);
	w->p += 4;
}

static inline void
put_i64(SegWriter *w, int64 v)
{
	uint64		n = pg_hton64((uint64) v);

	memcpy(w->p, &n, 8);
	w->p += 8;
}

static inline void
put_f8(SegWriter *w, double v)
{
	uint64		bits;

	memcpy(&bits, &v, 8);
	put_i64(w, (int64) bits);
}

static int64
keys_size(const SegKeyVec *v, const int32 *order, int32 n)
{
	int64		size = 0;

	if (v->kind == SEG_KEY_INT)
		return (int64) n * 8;
	for (int32 i = 0; i < n; i++)
		size += 4 + v->texts[order[i]].len;
	return size;
}

static void
put_keys(SegWriter *w, const SegKeyVec *v, const int32 *order, int32 n)
{
	for (int32 i = 0; i < n; i++)
	{
		if (v->kind == SEG_KEY_INT)
			put_i64(w, v->ints[order[i]]);
		else
		{
			const SegTextKey *k = &v->texts[order[i]];

			put_i32(w, k->len);
			memcpy(w->p, k->str, k->len);
			w->p += k->len;
		}
	}
}

typedef struct RankedCell
{
	int32		rank;
	double		count;
} RankedCell;

static int
ranked_cell_cmp(const void *a, const void *b)
{
	int32		x = ((const RankedCell *) a)->rank;
	int32		y = ((const RankedCell *) b)->rank;

	return (x > y) - (x < y);
}

static bytea *
empty_table(void)
{
	bytea	   *result = palloc(VARHDRSZ + SEGTABLE_HEADER_SIZE);
	SegWriter	w = {VARDATA(result)};

	SET_VARSIZE(result, VARHDRSZ + SEGTABLE_HEADER_SIZE);
	put_u8(&w, SEGTABLE_FORMAT_VERSION);
	put_u8(&w, SEG_KEY_TEXT);
	put_u8(&w, SEG_KEY_TEXT);
	put_u8(&w, 0);
	put_i32(&w, 0);
	put_i32(&w, 0);
	put_i32(&w, 0);
	return result;
}

/*
 * The canonical portable form of a state: keys sorted, zero cells and keys
 * without cells dropped.  The state is not modified, so a final function
 * may run more than once on it.
 */
static bytea *
state_to_bytes(const SegState *st)
{
	int32		nu_all = st->units.keys.n;
	int32		ng_all = st->groups.keys.n;
	int32	   *uorder,
			   *gorder,
			   *grank;
	int32		nunits = 0,
				ngroups = 0,
				room = max_unit_cells(st);
	int64		ncells = 0,
				size;
	bool	   *gused;
	int32	   *cgrp;
	double	   *ccnt,
			  **rows;
	RankedCell *buf;
	bytea	   *result;
	SegWriter	w;

	uorder = palloc((nu_all + 1) * sizeof(int32));
	gused = palloc0(ng_all + 1);
	cgrp = palloc(room * sizeof(int32));
	ccnt = palloc(room * sizeof(double));
	rows = unit_rows(st);
	for (int32 u = 0; u < nu_all; u++)
	{
		int32		n = unit_cells(st, rows, u, cgrp, ccnt);

		for (int32 i = 0; i < n; i++)
			gused[cgrp[i]] = true;
		if (n > 0)
		{
			uorder[nunits++] = u;
			ncells += n;
		}
	}
	if (ncells == 0)
		return empty_table();

	gorder = palloc(ng_all * sizeof(int32));
	grank = palloc(ng_all * sizeof(int32));
	for (int32 g = 0; g < ng_all; g++)
		if (gused[g])
			gorder[ngroups++] = g;
	qsort_arg(uorder, nunits, sizeof(int32), key_index_cmp,
			  (void *) &st->units.keys);
	qsort_arg(gorder, ngroups, sizeof(int32), key_index_cmp,
			  (void *) &st->groups.keys);
	for (int32 r = 0; r < ngroups; r++)
		grank[gorder[r]] = r;

	size = SEGTABLE_HEADER_SIZE
		+ keys_size(&st->units.keys, uorder, nunits)
		+ keys_size(&st->groups.keys, gorder, ngroups)
		+ (int64) nunits * 4 + ncells * SEG_CELL_SIZE;
	if (size > (int64) (MaxAllocSize - VARHDRSZ))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("segtable is too large"),
				 errdetail("%d units, %d groups and " INT64_FORMAT " cells need " INT64_FORMAT " bytes.",
						   nunits, ngroups, ncells, size)));

	result = palloc(VARHDRSZ + size);
	SET_VARSIZE(result, VARHDRSZ + size);
	w.p = VARDATA(result);
	put_u8(&w, SEGTABLE_FORMAT_VERSION);
	put_u8(&w, st->units.keys.kind);
	put_u8(&w, st->groups.keys.kind);
	put_u8(&w, 0);
	put_i32(&w, nunits);
	put_i32(&w, ngroups);
	put_i32(&w, (int32) ncells);
	put_keys(&w, &st->units.keys, uorder, nunits);
	put_keys(&w, &st->groups.keys, gorder, ngroups);

	buf = palloc(room * sizeof(RankedCell));
	for (int32 r = 0; r < nunits; r++)
	{
		int32		n = unit_cells(st, rows, uorder[r], cgrp, ccnt);

		for (int32 i = 0; i < n; i++)
		{
			buf[i].rank = grank[cgrp[i]];
			buf[i].count = ccnt[i];
		}
		if (n > 1)
			qsort(buf, n, sizeof(RankedCell), ranked_cell_cmp);
		put_i32(&w, n);
		for (int32 i = 0; i < n; i++)
		{
			put_i32(&w, buf[i].rank);
			put_f8(&w, buf[i].count);
		}
	}
	Assert(w.p == VARDATA(result) + size);

	pfree(buf);
	pfree(rows);
	pfree(cgrp);
	pfree(ccnt);
	pfree(uorder);
	pfree(gorder);
	pfree(grank);
	pfree(gused);
	return result;
}

/* ------------------------------------------------------------------------
 * Reading (and validating) the portable form
 * ------------------------------------------------------------------------
 */

/* A parsed value; text keys point into the source bytes. */
typedef struct SegFlat
{
	SegKeyVec	units;
	SegKeyVec	groups;
	int32		ncells;
	int32	   *unit_start;		/* nunits + 1 offsets into the cell arrays */
	int32	   *cell_group;
	double	   *cell_count;
	double		total;
} SegFlat;

typedef struct SegReader
{
	const char *data;
	int64		len;
	int64		pos;
} SegReader;

static void
corrupt(const char *detail)
{
	seg_corrupt_state("segtable", detail);
}

static inline void
need(SegReader *r, int64 n)
{
	if (r->len - r->pos < n)
		corrupt("The value is truncated.");
}

static inline uint8
get_u8(SegReader *r)
{
	need(r, 1);
	return (uint8) r->data[r->pos++];
}

static inline int32
get_i32(SegReader *r)
{
	uint32		n;

	need(r, 4);
	memcpy(&n, r->data + r->pos, 4);
	r->pos += 4;
	return (int32) pg_ntoh32(n);
}

static inline int64
get_i64(SegReader *r)
{
	uint64		n;

	need(r, 8);
	memcpy(&n, r->data + r->pos, 8);
	r->pos += 8;
	return (int64) pg_ntoh64(n);
}

static inline double
get_f8(SegReader *r)
{
	uint64		bits = (uint64) get_i64(r);
	double		v;

	memcpy(&v, &bits, 8);
	return v;
}

static void
read_keys(SegReader *r, SegKeyVec *v, int32 n, bool verify_encoding,
		  const char *what)
{
	int			encoding = GetDatabaseEncoding();

	/* every key takes at least 8 (integer) or 4 (text) bytes */
	if (n > (r->len - r->pos) / (v->kind == SEG_KEY_INT ? 8 : 4))
		corrupt(psprintf("The %s count does not match the value's length.", what));
	v->n = n;
	if (v->kind == SEG_KEY_INT)
	{
		v->ints = palloc(Max(n, 1) * sizeof(int64));
		for (int32 i = 0; i < n; i++)
		{
			v->ints[i] = get_i64(r);
			if (i > 0 && v->ints[i] <= v->ints[i - 1])
				corrupt(psprintf("The %s keys are not strictly increasing.", what));
		}
		return;
	}
	v->texts = palloc(Max(n, 1) * sizeof(SegTextKey));
	for (int32 i = 0; i < n; i++)
	{
		SegTextKey *k = &v->texts[i];

		k->len = get_i32(r);
		if (k->len < 0 || k->len > r->len - r->pos)
			corrupt(psprintf("A %s key length is out of range.", what));
		k->str = r->data + r->pos;
		r->pos += k->len;
		if (memchr(k->str, '\0', k->len) != NULL)
			corrupt(psprintf("A %s key contains a zero byte.", what));
		if (verify_encoding &&
			!pg_verify_mbstr(encoding, k->str, k->len, true))
			corrupt(psprintf("A %s key is not valid in the database encoding.", what));
		if (i > 0 && text_key_cmp(&v->texts[i - 1], k) >= 0)
			corrupt(psprintf("The %s keys are not strictly increasing.", what));
	}
}

static char
read_kind(SegReader *r)
{
	uint8		kind = get_u8(r);

	if (kind != SEG_KEY_INT && kind != SEG_KEY_TEXT)
		corrupt("Unknown key kind.");
	return (char) kind;
}

/*
 * Parses and validates a value.  Encoding checks are for bytes that come
 * from outside (recv, bytea cast, deserialize); stored values were checked
 * when they were made, but everything structural is checked every time so
 * that a damaged datum cannot crash the server.
 */
static void
flat_read(SegFlat *f, const char *data, int64 len, bool verify_encoding)
{
	SegReader	r = {data, len, 0};
	int32		nunits,
				ngroups,
				ncells,
				cell = 0;
	bool	   *gused;

	memset(f, 0, sizeof(SegFlat));
	if (len < SEGTABLE_HEADER_SIZE)
		corrupt("The value is truncated.");
	if (get_u8(&r) != SEGTABLE_FORMAT_VERSION)
		corrupt("Unknown format version.");
	f->units.kind = read_kind(&r);
	f->groups.kind = read_kind(&r);
	if (get_u8(&r) != 0)
		corrupt("A reserved byte is not zero.");
	nunits = get_i32(&r);
	ngroups = get_i32(&r);
	ncells = get_i32(&r);
	if (nunits < 0 || ngroups < 0 || ncells < 0)
		corrupt("A count is negative.");
	if (ncells == 0 &&
		(nunits != 0 || ngroups != 0 ||
		 f->units.kind != SEG_KEY_TEXT || f->groups.kind != SEG_KEY_TEXT))
		corrupt("An empty table must have no keys and text key kinds.");
	if (ncells < nunits || ncells < ngroups ||
		ncells > (int64) nunits * ngroups)
		corrupt("The cell count does not fit the unit and group counts.");

	read_keys(&r, &f->units, nunits, verify_encoding, "unit");
	read_keys(&r, &f->groups, ngroups, verify_encoding, "group");
	if (r.len - r.pos != (int64) nunits * 4 + (int64) ncells * SEG_CELL_SIZE)
		corrupt("The cell count does not match the value's length.");

	f->ncells = ncells;
	f->unit_start = palloc((nunits + 1) * sizeof(int32));
	f->cell_group = palloc(Max(ncells, 1) * sizeof(int32));
	f->cell_count = palloc(Max(ncells, 1) * sizeof(double));
	gused = palloc0(Max(ngroups, 1));
	for (int32 u = 0; u < nunits; u++)
	{
		int32		n = get_i32(&r);

		if (n < 1 || n > ngroups || n > ncells - cell)
			corrupt("A unit's cell count is out of range.");
		f->unit_start[u] = cell;
		for (int32 i = 0; i < n; i++, cell++)
		{
			int32		g = get_i32(&r);
			double		c = get_f8(&r);

			if (g < 0 || g >= ngroups || (i > 0 && g <= f->cell_group[cell - 1]))
				corrupt("A cell's group index is out of range or out of order.");
			if (!(c > 0) || isinf(c))
				corrupt("A count is not a positive finite number.");
			gused[g] = true;
			f->cell_group[cell] = g;
			f->cell_count[cell] = c;
			f->total += c;
		}
	}
	f->unit_start[nunits] = cell;
	if (cell != ncells || r.pos != r.len)
		corrupt("The cell count does not match the value's length.");
	if (isinf(f->total))
		corrupt("The total count is not finite.");
	for (int32 g = 0; g < ngroups; g++)
		if (!gused[g])
			corrupt("A group has no cells.");
	pfree(gused);
}

static void
flat_from_datum(SegFlat *f, Datum d)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(d);

	flat_read(f, VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), false);
}

/* Adds every cell of f into st. */
static void
state_add_flat(SegState *st, const SegFlat *f)
{
	int32	   *gmap;
	double	   *row;

	if (f->ncells == 0)
		return;
	gmap = palloc(f->groups.n * sizeof(int32));
	for (int32 g = 0; g < f->groups.n; g++)
		gmap[g] = dict_copy_key(st, &st->groups, &f->groups, g, &row);
	for (int32 u = 0; u < f->units.n; u++)
	{
		int32		su = dict_copy_key(st, &st->units, &f->units, u, &row);

		for (int32 c = f->unit_start[u]; c < f->unit_start[u + 1]; c++)
			cell_add(st, row, su, gmap[f->cell_group[c]], f->cell_count[c]);
	}
	pfree(gmap);
}

/* ------------------------------------------------------------------------
 * Text form
 *
 *	 {unit:{group:count,...},...}
 *
 * Keys are integers (optionally signed decimal) or double-quoted strings
 * with JSON's backslash escapes; counts are decimal numbers.  Whitespace is
 * allowed between tokens.  Output is canonical: sorted keys, no spaces,
 * shortest exact counts.
 * ------------------------------------------------------------------------
 */

typedef struct TextParser
{
	const char *input;
	const char *p;
	StringInfoData key;			/* scratch: the current text key */
	seg_ihash_hash *seen;		/* cells read so far, as (unit << 32) | group */
} TextParser;

static void
syntax_error(TextParser *tp, const char *expected)
{
	int			len = strlen(tp->input);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type segtable: \"%.*s%s\"",
					Min(len, 60), tp->input, len > 60 ? "..." : ""),
			 errdetail("Expected %s at character %d.", expected,
					   (int) (tp->p - tp->input) + 1),
			 errhint("The form is {unit:{group:count,...},...}, with integer or double-quoted keys.")));
}

static void
skip_ws(TextParser *tp)
{
	while (*tp->p == ' ' || *tp->p == '\t' || *tp->p == '\n' ||
		   *tp->p == '\r' || *tp->p == '\f' || *tp->p == '\v')
		tp->p++;
}

static void
expect_char(TextParser *tp, char c, const char *what)
{
	skip_ws(tp);
	if (*tp->p != c)
		syntax_error(tp, what);
	tp->p++;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parses a double-quoted key into tp->key. */
static void
parse_text_key(TextParser *tp)
{
	resetStringInfo(&tp->key);
	tp->p++;					/* opening quote */
	for (;;)
	{
		char		c = *tp->p;

		if (c == '\0')
			syntax_error(tp, "a closing double quote");
		tp->p++;
		if (c == '"')
			return;
		if (c != '\\')
		{
			appendStringInfoChar(&tp->key, c);
			continue;
		}
		c = *tp->p++;
		switch (c)
		{
			case '"':
			case '\\':
			case '/':
				appendStringInfoChar(&tp->key, c);
				break;
			case 'b':
				appendStringInfoChar(&tp->key, '\b');
				break;
			case 'f':
				appendStringInfoChar(&tp->key, '\f');
				break;
			case 'n':
				appendStringInfoChar(&tp->key, '\n');
				break;
			case 'r':
				appendStringInfoChar(&tp->key, '\r');
				break;
			case 't':
				appendStringInfoChar(&tp->key, '\t');
				break;
			case 'u':
				{
					int			code = 0;

					for (int i = 0; i < 4; i++)
					{
						int			h = hex_value(tp->p[i]);

						if (h < 0)
							syntax_error(tp, "four hexadecimal digits after \\u");
						code = code * 16 + h;
					}
					if (code < 1 || code > 0x7f)
						syntax_error(tp, "a \\u escape between \\u0001 and \\u007f (write other characters as they are)");
					tp->p += 4;
					appendStringInfoChar(&tp->key, (char) code);
					break;
				}
			default:
				tp->p--;
				syntax_error(tp, "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
		}
	}
}

static int64
parse_int_key(TextParser *tp)
{
	const char *start = tp->p;
	char		buf[32];
	char	   *end;
	int64		v;

	if (*tp->p == '+' || *tp->p == '-')
		tp->p++;
	if (!isdigit((unsigned char) *tp->p))
		syntax_error(tp, "digits");
	while (isdigit((unsigned char) *tp->p))
		tp->p++;
	if (tp->p - start >= (int) sizeof(buf))
		goto out_of_range;
	memcpy(buf, start, tp->p - start);
	buf[tp->p - start] = '\0';
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (errno == ERANGE)
		goto out_of_range;
	return v;

out_of_range:
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("segtable key \"%.*s\" is out of range for type bigint",
					Min((int) (tp->p - start), 40), start)));
	return 0;					/* keep compiler quiet */
}

/*
 * Parses one key and returns its index in d, adding it if new; *found tells
 * whether it was there before, *row is as for dict_int().
 */
static int32
parse_key(TextParser *tp, SegState *st, SegDict *d, bool *found, double **row)
{
	skip_ws(tp);
	if (*tp->p == '"')
	{
		parse_text_key(tp);
		*found = dict_contains(d, false, 0, tp->key.data, tp->key.len);
		return dict_text(st, d, tp->key.data, tp->key.len, row);
	}
	if (*tp->p == '+' || *tp->p == '-' || isdigit((unsigned char) *tp->p))
	{
		int64		v = parse_int_key(tp);

		*found = dict_contains(d, true, v, NULL, 0);
		return dict_int(st, d, v, row);
	}
	syntax_error(tp, psprintf("a %s key (an integer or a double-quoted string)", d->what));
	return -1;					/* keep compiler quiet */
}

/* A count: a decimal number (sign, digits, fraction, exponent), >= 0. */
static double
parse_count(TextParser *tp)
{
	const char *start;
	char	   *end;
	double		v;
	bool		digits = false;

	skip_ws(tp);
	start = tp->p;
	if (*tp->p == '+' || *tp->p == '-')
		tp->p++;
	while (isdigit((unsigned char) *tp->p))
		tp->p++, digits = true;
	if (*tp->p == '.')
	{
		tp->p++;
		while (isdigit((unsigned char) *tp->p))
			tp->p++, digits = true;
	}
	if (!digits)
	{
		tp->p = start;
		syntax_error(tp, "a count (a finite decimal number)");
	}
	if (*tp->p == 'e' || *tp->p == 'E')
	{
		tp->p++;
		if (*tp->p == '+' || *tp->p == '-')
			tp->p++;
		if (!isdigit((unsigned char) *tp->p))
			syntax_error(tp, "exponent digits");
		while (isdigit((unsigned char) *tp->p))
			tp->p++;
	}
	errno = 0;
	v = strtod(start, &end);
	if (end != tp->p)
		syntax_error(tp, "a count (a finite decimal number)");
	if (errno == ERANGE && (v == 0 || isinf(v)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("segtable count \"%.*s\" is out of range for type double precision",
						Min((int) (tp->p - start), 40), start)));
	if (v < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("segtable counts must not be negative"),
				 errdetail("Got %.*s.", Min((int) (tp->p - start), 40), start)));
	return v;
}

static void
duplicate_error(const char *what, const SegKeyVec *v, int32 i,
				const SegKeyVec *v2, int32 j);

static void
parse_unit_cells(TextParser *tp, SegState *st, int32 u, double *row)
{
	expect_char(tp, '{', "\"{\" opening the unit's cells");
	skip_ws(tp);
	if (*tp->p == '}')
	{
		tp->p++;
		return;
	}
	for (;;)
	{
		bool		found;
		double	   *grow;
		int32		g = parse_key(tp, st, &st->groups, &found, &grow);
		double		c;

		expect_char(tp, ':', "\":\" after a group key");
		c = parse_count(tp);
		seg_ihash_insert(tp->seen, ((int64) u << 32) | g, &found);
		if (found)
			duplicate_error("cell", &st->units.keys, u, &st->groups.keys, g);
		if (c > 0)				/* zero cells are dropped */
			cell_add(st, row, u, g, c);
		skip_ws(tp);
		if (*tp->p == '}')
		{
			tp->p++;
			return;
		}
		if (*tp->p != ',')
			syntax_error(tp, "\",\" or \"}\" after a cell");
		tp->p++;
	}
}

static SegState *
parse_text(const char *input)
{
	TextParser	tp;
	SegState   *st = state_new(CurrentMemoryContext);

	tp.input = input;
	tp.p = input;
	initStringInfo(&tp.key);
	tp.seen = seg_ihash_create(CurrentMemoryContext, 16, NULL);
	expect_char(&tp, '{', "\"{\"");
	skip_ws(&tp);
	if (*tp.p == '}')
		tp.p++;
	else
	{
		for (;;)
		{
			bool		found;
			double	   *row;
			int32		u = parse_key(&tp, st, &st->units, &found, &row);

			if (found)
				duplicate_error("unit", &st->units.keys, u, NULL, 0);
			expect_char(&tp, ':', "\":\" after a unit key");
			parse_unit_cells(&tp, st, u, row);
			skip_ws(&tp);
			if (*tp.p == '}')
			{
				tp.p++;
				break;
			}
			if (*tp.p != ',')
				syntax_error(&tp, "\",\" or \"}\" after a unit");
			tp.p++;
		}
	}
	skip_ws(&tp);
	if (*tp.p != '\0')
		syntax_error(&tp, "the end of input");
	return st;
}

/* Appends key i of v in the text form. */
static void
append_key(StringInfo out, const SegKeyVec *v, int32 i)
{
	const SegTextKey *k;

	if (v->kind == SEG_KEY_INT)
	{
		char		buf[MAXINT8LEN + 1];

		pg_lltoa(v->ints[i], buf);
		appendStringInfoString(out, buf);
		return;
	}
	k = &v->texts[i];
	appendStringInfoChar(out, '"');
	for (int32 j = 0; j < k->len; j++)
	{
		unsigned char c = (unsigned char) k->str[j];

		switch (c)
		{
			case '"':
				appendStringInfoString(out, "\\\"");
				break;
			case '\\':
				appendStringInfoString(out, "\\\\");
				break;
			case '\b':
				appendStringInfoString(out, "\\b");
				break;
			case '\f':
				appendStringInfoString(out, "\\f");
				break;
			case '\n':
				appendStringInfoString(out, "\\n");
				break;
			case '\r':
				appendStringInfoString(out, "\\r");
				break;
			case '\t':
				appendStringInfoString(out, "\\t");
				break;
			default:
				if (c < 0x20 || c == 0x7f)
					appendStringInfo(out, "\\u%04x", c);
				else
					appendStringInfoChar(out, (char) c);
		}
	}
	appendStringInfoChar(out, '"');
}

/* The canonical text of key i of v, as a palloc'd C string. */
static char *
key_cstring(const SegKeyVec *v, int32 i)
{
	if (v->kind == SEG_KEY_INT)
	{
		char	   *buf = palloc(MAXINT8LEN + 1);

		pg_lltoa(v->ints[i], buf);
		return buf;
	}
	return pnstrdup(v->texts[i].str, v->texts[i].len);
}

/* The key for messages: quoted as in the text form. */
static char *
key_display(const SegKeyVec *v, int32 i)
{
	StringInfoData s;

	initStringInfo(&s);
	append_key(&s, v, i);
	return s.data;
}

static void
duplicate_error(const char *what, const SegKeyVec *v, int32 i,
				const SegKeyVec *v2, int32 j)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type segtable: duplicate %s", what),
			 v2 ? errdetail("Cell (%s, %s) appears more than once.",
							key_display(v, i), key_display(v2, j))
			 : errdetail("Unit %s appears more than once.", key_display(v, i))));
}

Datum
segtable_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);

	PG_RETURN_BYTEA_P(state_to_bytes(parse_text(input)));
}

Datum
segtable_out(PG_FUNCTION_ARGS)
{
	SegFlat		f;
	StringInfoData out;
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

	flat_from_datum(&f, PG_GETARG_DATUM(0));
	initStringInfo(&out);
	appendStringInfoChar(&out, '{');
	for (int32 u = 0; u < f.units.n; u++)
	{
		if (u > 0)
			appendStringInfoChar(&out, ',');
		append_key(&out, &f.units, u);
		appendStringInfoString(&out, ":{");
		for (int32 c = f.unit_start[u]; c < f.unit_start[u + 1]; c++)
		{
			if (c > f.unit_start[u])
				appendStringInfoChar(&out, ',');
			append_key(&out, &f.groups, f.cell_group[c]);
			appendStringInfoChar(&out, ':');
			double_to_shortest_decimal_buf(f.cell_count[c], num);
			appendStringInfoString(&out, num);
		}
		appendStringInfoChar(&out, '}');
	}
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

/* ------------------------------------------------------------------------
 * Binary form: the portable bytes themselves
 * ------------------------------------------------------------------------
 */

/* A validated copy of external bytes as a segtable datum. */
static bytea *
bytes_to_segtable(const char *data, int len)
{
	SegFlat		f;
	bytea	   *result;

	flat_read(&f, data, len, true);
	result = palloc(VARHDRSZ + len);
	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), data, len);
	return result;
}

Datum
segtable_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	bytea	   *result = bytes_to_segtable(buf->data + buf->cursor, len);

	buf->cursor = buf->len;
	PG_RETURN_BYTEA_P(result);
}

Datum
segtable_send(PG_FUNCTION_ARGS)
{
	bytea	   *v = PG_GETARG_BYTEA_P_COPY(0);

	PG_RETURN_BYTEA_P(v);
}

Datum
segtable_from_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);

	PG_RETURN_BYTEA_P(bytes_to_segtable(VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b)));
}

/* ------------------------------------------------------------------------
 * Aggregates
 * ------------------------------------------------------------------------
 */

/* How the transition function reads its arguments; cached in fn_extra. */
typedef struct SegArgs
{
	Oid			unit_type;
	Oid			grp_type;
	bool		has_weight;
} SegArgs;

static Oid
key_arg_type(FunctionCallInfo fcinfo, int argno, const char *argname)
{
	Oid			type = seg_fn_argtype(fcinfo, argno);

	if (!OidIsValid(type))
		elog(ERROR, "could not determine the type of argument \"%s\"", argname);
	type = getBaseType(type);
	switch (type)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case TEXTOID:
		case VARCHAROID:
			return type;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("argument \"%s\" must be of type smallint, integer, bigint or text",
							argname),
					 errdetail("Got type %s.", format_type_be(type))));
	}
	return InvalidOid;			/* keep compiler quiet */
}

static SegArgs *
seg_args(FunctionCallInfo fcinfo)
{
	SegArgs    *a = (SegArgs *) fcinfo->flinfo->fn_extra;

	if (a == NULL)
	{
		a = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(SegArgs));
		a->unit_type = key_arg_type(fcinfo, 1, "unit");
		a->grp_type = key_arg_type(fcinfo, 2, "grp");
		a->has_weight = PG_NARGS() > 3 &&
			seg_fn_argtype(fcinfo, 3) == FLOAT8OID;
		fcinfo->flinfo->fn_extra = a;
	}
	return a;
}

/*
 * Index of a key given as a datum of type type in d, added if new; *row as
 * for dict_int().
 */
static inline int32
dict_datum(SegState *st, SegDict *d, Oid type, Datum value, double **row)
{
	switch (type)
	{
		case INT8OID:
			return dict_int(st, d, DatumGetInt64(value), row);
		case INT4OID:
			return dict_int(st, d, DatumGetInt32(value), row);
		case INT2OID:
			return dict_int(st, d, DatumGetInt16(value), row);
		default:
			{
				text	   *t = (text *) PG_DETOAST_DATUM_PACKED(value);

				return dict_text(st, d, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), row);
			}
	}
}

static inline void
check_weight(double w, const char *argname)
{
	if (unlikely(!(w >= 0) || isinf(w)))
		seg_check_count(w, argname);
}

/*
 * segtable_sfunc(state, unit, grp [, weight]): rows with a NULL unit, group
 * or weight are skipped, as sum() skips NULLs.  A zero weight creates the
 * state (so the result is an empty table, not NULL) but no cell.
 */
Datum
segtable_sfunc(PG_FUNCTION_ARGS)
{
	SegArgs    *args = seg_args(fcinfo);
	SegState   *st = PG_ARGISNULL(0) ? NULL : (SegState *) PG_GETARG_POINTER(0);
	double		w = 1.0;
	double	   *row,
			   *grow;
	int32		u,
				g;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) ||
		(args->has_weight && PG_ARGISNULL(3)))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	if (args->has_weight)
	{
		w = PG_GETARG_FLOAT8(3);
		check_weight(w, "weight");
	}
	if (st == NULL)
		st = state_new(seg_aggregate_context(fcinfo, "segtable_sfunc"));
	if (w == 0)
		PG_RETURN_POINTER(st);

	u = dict_datum(st, &st->units, args->unit_type, PG_GETARG_DATUM(1), &row);
	g = dict_datum(st, &st->groups, args->grp_type, PG_GETARG_DATUM(2), &grow);
	cell_add(st, row, u, g, w);
	PG_RETURN_POINTER(st);
}

/* What segtable_wide_sfunc looks up once per call site; kept in fn_extra. */
typedef struct WideArgs
{
	Oid			unit_type;
	Oid			gtype;			/* element type of groups, once seen */
	int16		typlen;
	bool		typbyval;
	char		typalign;
} WideArgs;

static WideArgs *
wide_args(FunctionCallInfo fcinfo)
{
	WideArgs   *a = (WideArgs *) fcinfo->flinfo->fn_extra;

	if (a == NULL)
	{
		a = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(WideArgs));
		a->unit_type = key_arg_type(fcinfo, 1, "unit");
		fcinfo->flinfo->fn_extra = a;
	}
	return a;
}

/*
 * Wide form: segtable_wide_sfunc(state, unit, counts float8[]) with groups
 * 1..K by position, or (state, unit, groups text[]/bigint[], counts
 * float8[]) pairing the arrays element by element.  NULL elements are
 * skipped like NULL rows.
 */
Datum
segtable_wide_sfunc(PG_FUNCTION_ARGS)
{
	SegState   *st = PG_ARGISNULL(0) ? NULL : (SegState *) PG_GETARG_POINTER(0);
	bool		named = PG_NARGS() > 3;
	int			counts_arg = named ? 3 : 2;
	WideArgs   *args;
	ArrayType  *counts;
	Datum	   *cvals,
			   *gvals = NULL;
	bool	   *cnulls,
			   *gnulls = NULL;
	int			n,
				ng = 0;
	Oid			gtype = INT8OID;
	int32		u = -1;
	double	   *row = NULL,
			   *grow;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(counts_arg) || (named && PG_ARGISNULL(2)))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	args = wide_args(fcinfo);

	counts = PG_GETARG_ARRAYTYPE_P(counts_arg);
	if (ARR_NDIM(counts) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"counts\" must be a one-dimensional array")));
	deconstruct_array(counts, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &cvals, &cnulls, &n);
	if (named)
	{
		ArrayType  *groups = PG_GETARG_ARRAYTYPE_P(2);

		gtype = ARR_ELEMTYPE(groups);
		if (gtype != TEXTOID && gtype != INT8OID && gtype != INT4OID &&
			gtype != INT2OID && gtype != VARCHAROID)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("argument \"groups\" must be an array of smallint, integer, bigint or text"),
					 errdetail("Got type %s[].", format_type_be(gtype))));
		if (ARR_NDIM(groups) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("argument \"groups\" must be a one-dimensional array")));
		if (gtype != args->gtype)
		{
			get_typlenbyvalalign(gtype, &args->typlen, &args->typbyval,
								 &args->typalign);
			args->gtype = gtype;
		}
		deconstruct_array(groups, gtype, args->typlen, args->typbyval,
						  args->typalign,
						  &gvals, &gnulls, &ng);
		if (ng != n)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("arguments \"groups\" and \"counts\" must have the same length"),
					 errdetail("Got %d groups and %d counts.", ng, n)));
	}

	for (int i = 0; i < n; i++)
		if (!cnulls[i])
			check_weight(DatumGetFloat8(cvals[i]), "counts");
	if (st == NULL)
		st = state_new(seg_aggregate_context(fcinfo, "segtable_wide_sfunc"));

	for (int i = 0; i < n; i++)
	{
		double		c;
		int32		g;

		if (cnulls[i] || (named && gnulls[i]))
			continue;
		c = DatumGetFloat8(cvals[i]);
		if (c == 0)
			continue;
		if (u < 0)
			u = dict_datum(st, &st->units, args->unit_type, PG_GETARG_DATUM(1), &row);
		if (named)
			g = dict_datum(st, &st->groups, gtype, gvals[i], &grow);
		else
			g = dict_int(st, &st->groups, i + 1, &grow);
		cell_add(st, row, u, g, c);
	}
	PG_RETURN_POINTER(st);
}

/* seg_merge(segtable): adds a stored table's cells to the state. */
Datum
segtable_merge_sfunc(PG_FUNCTION_ARGS)
{
	SegState   *st = PG_ARGISNULL(0) ? NULL : (SegState *) PG_GETARG_POINTER(0);
	SegFlat		f;

	if (PG_ARGISNULL(1))
	{
		if (st == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(st);
	}
	if (st == NULL)
		st = state_new(seg_aggregate_context(fcinfo, "segtable_merge_sfunc"));
	flat_from_datum(&f, PG_GETARG_DATUM(1));
	state_add_flat(st, &f);
	PG_RETURN_POINTER(st);
}

/*
 * A state that deserialize made (in its own child of the aggregate context)
 * is adopted as the running state when there is none yet, and deleted once
 * merged: the leader of a parallel build then holds the running state plus
 * one incoming state, not every worker's state at once (doc/segtable.md,
 * "Parallel builds").  Other states are never handed back or freed: they
 * may belong to another context.
 */
Datum
segtable_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = seg_aggregate_context(fcinfo, "segtable_combine");
	SegState   *a = PG_ARGISNULL(0) ? NULL : (SegState *) PG_GETARG_POINTER(0);
	SegState   *b = PG_ARGISNULL(1) ? NULL : (SegState *) PG_GETARG_POINTER(1);

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL && b->transient)
	{
		b->transient = false;
		PG_RETURN_POINTER(b);
	}
	if (a == NULL)
		a = state_new(context);
	state_add_state(a, b);
	if (b->transient)
		MemoryContextDelete(b->cxt);
	PG_RETURN_POINTER(a);
}

Datum
segtable_serialize(PG_FUNCTION_ARGS)
{
	SegState   *st = (SegState *) PG_GETARG_POINTER(0);

	PG_RETURN_BYTEA_P(state_to_bytes(st));
}

Datum
segtable_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = seg_aggregate_context(fcinfo, "segtable_deserialize");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	MemoryContext own = AllocSetContextCreate(context, "segtable deserialized state",
											  ALLOCSET_DEFAULT_SIZES);
	SegState   *st = state_new(own);
	SegFlat		f;

	st->transient = true;
	flat_read(&f, VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes), true);
	state_add_flat(st, &f);
	PG_RETURN_POINTER(st);
}

Datum
segtable_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_BYTEA_P(state_to_bytes((SegState *) PG_GETARG_POINTER(0)));
}

/* ------------------------------------------------------------------------
 * SegMatrix (segmatrix.h)
 * ------------------------------------------------------------------------
 */

static SegMatrix *
matrix_from_flat(const SegFlat *f)
{
	SegMatrix  *m = palloc0(sizeof(SegMatrix));

	m->nunits = f->units.n;
	m->ngroups = f->groups.n;
	m->unit_kind = (SegKeyKind) f->units.kind;
	m->group_kind = (SegKeyKind) f->groups.kind;
	m->unit_keys = palloc(Max(m->nunits, 1) * sizeof(char *));
	m->group_keys = palloc(Max(m->ngroups, 1) * sizeof(char *));
	for (int32 u = 0; u < m->nunits; u++)
		m->unit_keys[u] = key_cstring(&f->units, u);
	for (int32 g = 0; g < m->ngroups; g++)
		m->group_keys[g] = key_cstring(&f->groups, g);
	m->unit_totals = palloc0(Max(m->nunits, 1) * sizeof(double));
	m->group_totals = palloc0(Max(m->ngroups, 1) * sizeof(double));
	m->ncells = f->ncells;
	m->unit_start = palloc((m->nunits + 1) * sizeof(int32));
	memcpy(m->unit_start, f->unit_start, (m->nunits + 1) * sizeof(int32));
	m->cell_group = palloc(Max(f->ncells, 1) * sizeof(int32));
	m->cell_count = palloc(Max(f->ncells, 1) * sizeof(double));
	if (f->ncells > 0)
	{
		memcpy(m->cell_group, f->cell_group, f->ncells * sizeof(int32));
		memcpy(m->cell_count, f->cell_count, f->ncells * sizeof(double));
	}
	for (int32 u = 0; u < m->nunits; u++)
	{
		for (int32 c = f->unit_start[u]; c < f->unit_start[u + 1]; c++)
		{
			int32		g = f->cell_group[c];
			double		v = f->cell_count[c];

			m->unit_totals[u] += v;
			m->group_totals[g] += v;
		}
		m->total += m->unit_totals[u];
	}
	return m;
}

SegMatrix *
segmatrix_from_datum(Datum table)
{
	SegFlat		f;

	flat_from_datum(&f, table);
	return matrix_from_flat(&f);
}

static bool parse_int64_key(const char *s, int64 *result);

/* Index of canonical key text key in dictionary d of st, added if new. */
static int32
dict_cstring(SegState *st, SegDict *d, SegKeyKind kind, const char *key,
			 double **row)
{
	if (kind == SEG_KEY_INT)
	{
		int64		ikey;

		if (!parse_int64_key(key, &ikey))
			elog(ERROR, "segmatrix_to_datum: bad integer key \"%s\"", key);
		return dict_int(st, d, ikey, row);
	}
	return dict_text(st, d, key, strlen(key), row);
}

Datum
segmatrix_to_datum(const SegMatrix *m)
{
	SegState   *st = state_new(CurrentMemoryContext);

	for (int32 u = 0; u < m->nunits; u++)
	{
		for (int32 c = m->unit_start[u]; c < m->unit_start[u + 1]; c++)
		{
			double	   *row;
			double	   *grow;
			int32		ui;
			int32		g;

			seg_check_count(m->cell_count[c], "count");
			if (m->cell_count[c] == 0)
				continue;
			g = dict_cstring(st, &st->groups, m->group_kind,
							 m->group_keys[m->cell_group[c]], &grow);
			/* the unit's bucket pointer is taken last: inserts move it */
			ui = dict_cstring(st, &st->units, m->unit_kind, m->unit_keys[u], &row);
			cell_add(st, row, ui, g, m->cell_count[c]);
		}
	}
	return PointerGetDatum(state_to_bytes(st));
}

SegMatrix *
segmatrix_from_state(Datum state)
{
	bytea	   *bytes = state_to_bytes((SegState *) DatumGetPointer(state));
	SegFlat		f;
	SegMatrix  *m;

	flat_read(&f, VARDATA(bytes), VARSIZE(bytes) - VARHDRSZ, false);
	m = matrix_from_flat(&f);
	pfree(bytes);
	return m;
}

/* Strict decimal integer, surrounding blanks allowed; false if not one. */
static bool
parse_int64_key(const char *s, int64 *result)
{
	char	   *end;

	while (isspace((unsigned char) *s))
		s++;
	if (!(isdigit((unsigned char) *s) ||
		  ((*s == '+' || *s == '-') && isdigit((unsigned char) s[1]))))
		return false;
	errno = 0;
	*result = strtoll(s, &end, 10);
	if (errno == ERANGE)
		return false;
	while (isspace((unsigned char) *end))
		end++;
	return *end == '\0';
}

int
segmatrix_group_index(const SegMatrix *m, const char *key)
{
	int			lo = 0,
				hi = m->ngroups - 1;
	int64		ikey = 0;
	SegTextKey	tkey;

	if (key == NULL)
		return -1;
	if (m->group_kind == SEG_KEY_INT && !parse_int64_key(key, &ikey))
		return -1;
	tkey.str = key;
	tkey.len = strlen(key);
	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			c;

		if (m->group_kind == SEG_KEY_INT)
		{
			int64		k;

			(void) parse_int64_key(m->group_keys[mid], &k);
			c = (k > ikey) - (k < ikey);
		}
		else
		{
			SegTextKey	k = {m->group_keys[mid], strlen(m->group_keys[mid])};

			c = text_key_cmp(&k, &tkey);
		}
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* ------------------------------------------------------------------------
 * Accessors
 * ------------------------------------------------------------------------
 */

Datum
seg_total(PG_FUNCTION_ARGS)
{
	SegFlat		f;

	flat_from_datum(&f, PG_GETARG_DATUM(0));
	PG_RETURN_FLOAT8(f.total);
}

Datum
seg_nunits(PG_FUNCTION_ARGS)
{
	SegFlat		f;

	flat_from_datum(&f, PG_GETARG_DATUM(0));
	PG_RETURN_INT32(f.units.n);
}

Datum
seg_ngroups(PG_FUNCTION_ARGS)
{
	SegFlat		f;

	flat_from_datum(&f, PG_GETARG_DATUM(0));
	PG_RETURN_INT32(f.groups.n);
}

Datum
seg_ncells(PG_FUNCTION_ARGS)
{
	SegFlat		f;

	flat_from_datum(&f, PG_GETARG_DATUM(0));
	PG_RETURN_INT32(f.ncells);
}

/* Set-returning accessors share this per-call state. */
typedef struct SegSrf
{
	SegFlat		f;
	int32		unit;			/* seg_cells: the unit of the next cell */
	double	   *totals;			/* seg_units/seg_groups: the margins */
	int32	   *ncells;			/* and the number of cells of each key */
} SegSrf;

static SegSrf *
srf_setup(FunctionCallInfo fcinfo, FuncCallContext **funcctx)
{
	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		SegSrf	   *s;
		TupleDesc	tupdesc;

		*funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo((*funcctx)->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		(*funcctx)->tuple_desc = BlessTupleDesc(tupdesc);
		s = palloc0(sizeof(SegSrf));
		flat_from_datum(&s->f, PG_GETARG_DATUM(0));
		(*funcctx)->user_fctx = s;
		MemoryContextSwitchTo(old);
	}
	*funcctx = SRF_PERCALL_SETUP();
	return (SegSrf *) (*funcctx)->user_fctx;
}

Datum
seg_cells(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	SegSrf	   *s = srf_setup(fcinfo, &funcctx);
	int32		c = (int32) funcctx->call_cntr;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (c >= s->f.ncells)
		SRF_RETURN_DONE(funcctx);
	while (c >= s->f.unit_start[s->unit + 1])
		s->unit++;
	values[0] = CStringGetTextDatum(key_cstring(&s->f.units, s->unit));
	values[1] = CStringGetTextDatum(key_cstring(&s->f.groups, s->f.cell_group[c]));
	values[2] = Float8GetDatum(s->f.cell_count[c]);
	SRF_RETURN_NEXT(funcctx,
					HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
}

/* seg_units and seg_groups: each key with its margin total and cell count. */
static Datum
margins_srf(FunctionCallInfo fcinfo, bool units)
{
	FuncCallContext *funcctx;
	SegSrf	   *s = srf_setup(fcinfo, &funcctx);
	const SegKeyVec *keys = units ? &s->f.units : &s->f.groups;
	int32		i = (int32) funcctx->call_cntr;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (s->totals == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);

		s->totals = palloc0(Max(keys->n, 1) * sizeof(double));
		s->ncells = palloc0(Max(keys->n, 1) * sizeof(int32));
		MemoryContextSwitchTo(old);
		for (int32 u = 0; u < s->f.units.n; u++)
		{
			for (int32 c = s->f.unit_start[u]; c < s->f.unit_start[u + 1]; c++)
			{
				int32		k = units ? u : s->f.cell_group[c];

				s->totals[k] += s->f.cell_count[c];
				s->ncells[k]++;
			}
		}
	}
	if (i >= keys->n)
		SRF_RETURN_DONE(funcctx);
	values[0] = CStringGetTextDatum(key_cstring(keys, i));
	values[1] = Float8GetDatum(s->totals[i]);
	values[2] = Int32GetDatum(s->ncells[i]);
	SRF_RETURN_NEXT(funcctx,
					HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
}

Datum
seg_units(PG_FUNCTION_ARGS)
{
	return margins_srf(fcinfo, true);
}

Datum
seg_groups(PG_FUNCTION_ARGS)
{
	return margins_srf(fcinfo, false);
}
