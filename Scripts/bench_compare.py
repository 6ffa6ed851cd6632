"""The bar for `overblik-sync`: what a consultant would otherwise do with DuckDB.

Reads the same source files of a benchmark scale (bench-data/M, L or LC) with DuckDB, on all
cores, and computes the same figures Overblik's sync does: row counts, the ottetalskontrol's
counts per paragraph for the reconciliation period, onlyInCaseSystem / onlyInEconomy (the counts
and the lists per paragraph), budget against spend per function and month, and inflow and outflow
per paragraph and month (each citizen's grants on a paragraph merged into continuous periods). Prints the time and the figures, and writes
them to bench-data/compare-<scale>.json. `make bench-compare` runs it beside overblik-sync
and prints the ratio.

The SQL follows domain.md where SQL can say it simply: a citizen appears in the case system
for a paragraph when a grant on it overlaps the period; in the economy when a payment whose
account (function, grouping) maps to the paragraph overlaps the period (a function mapping to
several paragraphs goes to the paragraph the citizen has a grant on, else the first). Full-time
persons and the rate checks are left out (Overblik computes them; DuckDB would need a
calendar join per day) — so the comparison is generous to DuckDB.
"""
import json
import sys
import time

import duckdb

scale = sys.argv[1] if len(sys.argv) > 1 else "L"
folder = f"bench-data/{scale}"
period_start, period_end, year = "2026-01-01", "2026-10-31", 2026

started = time.perf_counter()
con = duckdb.connect()
con.execute("SET threads TO 2")

def csv(path, encoding="utf-8"):
    return (f"read_csv('{folder}/{path}', delim=';', header=true, all_varchar=true, encoding='{encoding}', "
            f"quote='\"', escape='\"')")

# DuckDB reads UTF-8, UTF-16 and Latin-1, not Windows-1252 (the economy export has en dashes,
# byte 0x96): the file is converted first, in streaming chunks, as a consultant would with iconv.
# The conversion is part of the timed work.
import os
import tempfile
converted = os.path.join(tempfile.mkdtemp(), "posteringer.csv")
with open(f"{folder}/okonomi/posteringer.csv", "rb") as source, open(converted, "wb") as target:
    while chunk := source.read(1 << 24):
        target.write(chunk.decode("cp1252").encode("utf-8"))

# Ingest: typed tables, with dates and Danish amounts parsed as Overblik parses them.
con.execute(f"""
CREATE TABLE grants AS SELECT
    "Sags-ID" AS case_id, CAST(replace("CPR-nr.", '-', '') AS BIGINT) AS cpr, "Paragraf" AS paragraph_raw,
    regexp_extract("Paragraf", '([0-9]+[a-z]?)$', 1) AS paragraph, "Ydelseskode" AS service_code,
    strptime("Startdato", '%d-%m-%Y')::DATE AS start, strptime(nullif("Slutdato", ''), '%d-%m-%Y')::DATE AS stop,
    CAST(replace(replace(nullif("Takst", ''), '.', ''), ',', '.') AS DECIMAL(18,2)) AS rate,
    "Sagsbehandler" AS caseworker, nullif("Betalingskommune", '') AS paying
FROM {csv('fagsystem/indsatser.csv')}
""")
con.execute(f"""
CREATE TABLE payments AS SELECT
    "Bilagsnr" AS voucher, CAST(replace("CPR", '-', '') AS BIGINT) AS cpr, "Funktion" AS function, "Gruppering" AS grouping,
    strptime("Periode fra", '%d-%m-%Y')::DATE AS period_start, strptime("Periode til", '%d-%m-%Y')::DATE AS period_end,
    CAST(replace(replace("Beløb", '.', ''), ',', '.') AS DECIMAL(18,2)) AS amount,
    strptime("Bogføringsdato", '%d-%m-%Y')::DATE AS posted
FROM read_csv('{converted}', delim=';', header=true, all_varchar=true, quote='"', escape='"')
""")
con.execute(f"""
CREATE TABLE budget AS SELECT CAST("År" AS INT) AS year, CAST("Måned" AS INT) AS month, "Funktion" AS function,
    CAST(replace(replace(coalesce(nullif("Korrigeret budget", ''), "Budget"), '.', ''), ',', '.') AS DECIMAL(18,2)) AS budget
FROM {csv('okonomi/budget.csv')}
""")
con.execute(f"""
CREATE TABLE mapping AS SELECT row_number() OVER () AS n, regexp_extract("Paragraf", '([0-9]+[a-z]?)$', 1) AS paragraph,
    "Funktion" AS function, "Gruppering" AS grouping
FROM {csv('stamdata/masteroversigt.csv')}
""")
con.execute(f"CREATE TABLE dst AS SELECT * FROM {csv('dst/indberetning.csv')}")
ingest = time.perf_counter() - started

counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ["grants", "payments", "budget", "dst", "mapping"]}

# Attribution of payments to paragraphs, then who appears where in the period.
con.execute(f"""
CREATE TABLE attributed AS
WITH candidates AS (
    SELECT p.rowid AS pid, p.cpr, p.period_start, p.period_end, m.paragraph, m.n
    FROM payments p JOIN mapping m ON m.function = p.function AND (coalesce(m.grouping, '') = '' OR m.grouping = p.grouping)
), ranked AS (
    SELECT c.*, EXISTS (SELECT 1 FROM grants g WHERE g.cpr = c.cpr AND g.paragraph = c.paragraph
                        AND g.start <= c.period_end AND coalesce(g.stop, DATE '9999-12-31') >= c.period_start) AS has_grant
    FROM candidates c
)
SELECT pid, cpr, period_start, period_end, arg_min(paragraph, (NOT has_grant, n)) AS paragraph
FROM ranked GROUP BY pid, cpr, period_start, period_end
""")
ottetal = con.execute(f"""
WITH cs AS (SELECT DISTINCT paragraph, cpr FROM grants
            WHERE start <= DATE '{period_end}' AND coalesce(stop, DATE '9999-12-31') >= DATE '{period_start}'),
     ec AS (SELECT DISTINCT paragraph, cpr FROM attributed
            WHERE period_start <= DATE '{period_end}' AND period_end >= DATE '{period_start}'),
     paragraphs AS (SELECT paragraph FROM cs UNION SELECT paragraph FROM ec)
SELECT p.paragraph,
    (SELECT count(*) FROM cs WHERE cs.paragraph = p.paragraph) AS case_system,
    (SELECT count(*) FROM ec WHERE ec.paragraph = p.paragraph) AS economy,
    (SELECT count(*) FROM cs JOIN ec USING (paragraph, cpr) WHERE cs.paragraph = p.paragraph) AS both,
    (SELECT count(*) FROM cs ANTI JOIN ec USING (paragraph, cpr) WHERE cs.paragraph = p.paragraph) AS only_case_system,
    (SELECT count(*) FROM ec ANTI JOIN cs USING (paragraph, cpr) WHERE ec.paragraph = p.paragraph) AS only_economy
FROM paragraphs p ORDER BY p.paragraph
""").fetchall()
# The only-in lists per paragraph (who, not only how many): what Afstemning lists.
con.execute(f"""
CREATE TABLE only_in AS
WITH cs AS (SELECT DISTINCT paragraph, cpr FROM grants
            WHERE start <= DATE '{period_end}' AND coalesce(stop, DATE '9999-12-31') >= DATE '{period_start}'),
     ec AS (SELECT DISTINCT paragraph, cpr FROM attributed
            WHERE period_start <= DATE '{period_end}' AND period_end >= DATE '{period_start}')
SELECT 'onlyCaseSystem' AS kind, * FROM (SELECT * FROM cs ANTI JOIN ec USING (paragraph, cpr))
UNION ALL SELECT 'onlyEconomy', * FROM (SELECT * FROM ec ANTI JOIN cs USING (paragraph, cpr))
""")
only_lists = con.execute("SELECT kind, paragraph, count(*) FROM only_in GROUP BY ALL ORDER BY ALL").fetchall()
# Inflow and outflow per paragraph and month of the year: each citizen's grants on a paragraph
# merged into continuous periods (overlapping or touching), counted where they start and end.
con.execute("""
CREATE TABLE islands AS
WITH g AS (SELECT cpr, paragraph, start, coalesce(stop, DATE '9999-12-31') AS stop FROM grants),
     o AS (SELECT *, max(stop) OVER (PARTITION BY cpr, paragraph ORDER BY start, stop
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM g),
     s AS (SELECT *, sum(CASE WHEN before IS NULL OR start > before + 1 THEN 1 ELSE 0 END)
                      OVER (PARTITION BY cpr, paragraph ORDER BY start, stop ROWS UNBOUNDED PRECEDING) AS island FROM o)
SELECT cpr, paragraph, min(start) AS start, max(stop) AS stop FROM s GROUP BY cpr, paragraph, island
""")
movements = con.execute(f"""
WITH months AS (SELECT unnest(range(1, 13)) AS month),
     ins AS (SELECT paragraph, month(start) AS month, count(*) AS inflow FROM islands WHERE year(start) = {year} GROUP BY ALL),
     outs AS (SELECT paragraph, month(stop) AS month, count(*) AS outflow FROM islands WHERE year(stop) = {year} GROUP BY ALL),
     paragraphs AS (SELECT DISTINCT paragraph FROM islands)
SELECT p.paragraph, m.month, coalesce(i.inflow, 0), coalesce(o.outflow, 0)
FROM paragraphs p CROSS JOIN months m LEFT JOIN ins i ON i.paragraph = p.paragraph AND i.month = m.month
     LEFT JOIN outs o ON o.paragraph = p.paragraph AND o.month = m.month ORDER BY ALL
""").fetchall()
budget = con.execute(f"""
WITH spend AS (SELECT function, month(posted) AS month, sum(amount) AS spend FROM payments
               WHERE year(posted) = {year} GROUP BY ALL)
SELECT b.function, b.month, b.budget, coalesce(s.spend, 0) AS spend,
    sum(b.budget - coalesce(s.spend, 0)) OVER (PARTITION BY b.function ORDER BY b.month) AS deviation
FROM budget b LEFT JOIN spend s USING (function, month) WHERE b.year = {year} ORDER BY ALL
""").fetchall()
total = time.perf_counter() - started

result = {
    "scale": scale, "duckdb": duckdb.__version__, "ingestSeconds": round(ingest, 3), "totalSeconds": round(total, 3),
    "rows": counts,
    "ottetal": [dict(zip(["paragraph", "caseSystem", "economy", "both", "onlyCaseSystem", "onlyEconomy"], r)) for r in ottetal],
    "onlyInCaseSystem": sum(r[4] for r in ottetal), "onlyInEconomy": sum(r[5] for r in ottetal),
    "budgetRows": len(budget), "onlyInLists": [list(r) for r in only_lists], "movementRows": len(movements),
    "inflow": sum(r[2] for r in movements), "outflow": sum(r[3] for r in movements),
}
os.remove(converted)
with open(f"bench-data/compare-{scale}.json", "w") as f:
    json.dump(result, f, indent=2, default=str)
print(f"DuckDB {duckdb.__version__} on {scale}: ingest {ingest:.2f} s, all figures {total:.2f} s; rows {counts}")
print(f"  onlyInCaseSystem {result['onlyInCaseSystem']}, onlyInEconomy {result['onlyInEconomy']}, budget rows {len(budget)}")
