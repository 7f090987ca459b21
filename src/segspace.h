/*-------------------------------------------------------------------------
 *
 * segspace.h
 *	  The segspace value type: the spatial layout of a set of units, as the
 *	  numbers the spatial measures need (METHODOLOGY section 4.1).
 *
 * PostGIS computes every number (areas, centroids, perimeters, shared
 * boundaries) on the SQL side; the C code never sees a geometry.  Spatial
 * kernels read a SegSpace: units sorted by key exactly as in a SegMatrix
 * (integer keys numerically, text keys bytewise), per-unit planar
 * quantities in the SRID's units, and contiguity as compressed rows.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SEGSPACE_H
#define SEGSPACE_H

#include "segmatrix.h"

/* Flags of a contiguity edge. */
#define SEG_EDGE_QUEEN	0x01	/* the polygons intersect (every edge) */
#define SEG_EDGE_ROOK	0x02	/* they share a boundary line, not only points */

typedef struct SegSpace
{
	int			nunits;
	SegKeyKind	unit_kind;
	char	  **unit_keys;		/* canonical text form, in key order */
	int32		srid;
	bool		geographic;		/* the SRID is a geographic (lon/lat) one */
	double	   *area;			/* ST_Area */
	double	   *cx;				/* ST_Centroid */
	double	   *cy;
	double	   *perimeter;		/* ST_Perimeter */
	/* unit u's neighbours: edge_unit/edge_length/edge_flags[edge_start[u] ..] */
	int32	   *edge_start;		/* nunits + 1 offsets; each edge stored both ways */
	int32	   *edge_unit;
	double	   *edge_length;	/* shared boundary length, 0 at a point contact */
	uint8	   *edge_flags;
} SegSpace;

/* Detoasts and validates a segspace datum (implemented in segspace.c). */
extern SegSpace *segspace_from_datum(Datum value);

/*
 * For each unit of m, its index in s.  A unit of m missing from s raises
 * an error naming it (implemented in segspace.c).
 */
extern int32 *segspace_match_units(const SegSpace *s, const SegMatrix *m);

/*
 * Errors out, suggesting ST_Transform, when s has a geographic SRID;
 * measure names the function (implemented in segspace.c).
 */
extern void segspace_require_projected(const SegSpace *s, const char *measure);

#endif							/* SEGSPACE_H */
