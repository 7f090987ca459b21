#!/bin/sh
# shp_rows.sh SHP SRID COLUMN...: the rows of a shapefile as tab-separated
# text (COPY's text format): the named attribute columns, then the geometry
# as hex EWKB.  Uses shp2pgsql's dump mode; nothing is loaded or kept.
set -eu
shp=$1; srid=$2; shift 2
cols=$(printf '%s\n' "$@" | tr 'A-Z' 'a-z' | paste -sd' ')
shp2pgsql -D -s "$srid" "$shp" shp_rows 2>/dev/null | awk -v want="$cols" '
	/^COPY / {
		# column list between the parentheses: "a","b",...,geom
		s = $0; sub(/^[^(]*\(/, "", s); sub(/\).*$/, "", s); gsub(/"/, "", s)
		n = split(s, names, ","); split(want, w, " ")
		for (i = 1; i in w; i++) for (j = 1; j <= n; j++) if (names[j] == w[i]) pick[i] = j
		npick = i - 1; geomcol = n; copying = 1; next
	}
	copying && /^\\\.$/ { exit }
	copying {
		split($0, f, "\t"); line = ""
		for (i = 1; i <= npick; i++) line = line f[pick[i]] "\t"
		print line f[geomcol]
	}'
