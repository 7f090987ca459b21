-- The NOTICE for overlapping polygons: one line per segspace built, with the
-- number of overlapping pairs and the largest overlap as a share of the
-- smaller polygon's area (hand-worked in the comments).
-- A [0,2]x[0,1], B [1.75,3]x[0,1]: overlap 0.25 of B's 1.25 = 20 %.
-- C [2.5,4]x[0.5,1.5] overlaps B in [2.5,3]x[0.5,1] = 0.25 of min(1.25, 1.5) = 20 %,
-- and touches nothing else; 2 pairs.
SELECT seg_nedges(segspace(k, g)) FROM (VALUES
  ('A', ST_MakeEnvelope(0, 0, 2, 1, 3006)), ('B', ST_MakeEnvelope(1.75, 0, 3, 1, 3006)),
  ('C', ST_MakeEnvelope(2.5, 0.5, 4, 1.5, 3006))) v(k, g);
-- D [0,1]x[0,1], E [0.5,1.5]x[0,1]: overlap 0.5 of 1 = 50 %.
SELECT seg_nedges(segspace(k, g)) FROM (VALUES
  ('D', ST_MakeEnvelope(0, 0, 1, 1, 3006)), ('E', ST_MakeEnvelope(0.5, 0, 1.5, 1, 3006))) v(k, g);
-- A coverage raises no notice.
SELECT seg_nedges(segspace(i, ST_MakeEnvelope(i, 0, i + 1, 1, 3006))) FROM generate_series(1, 3) i;
