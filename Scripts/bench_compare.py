"""The bar for `overblik-sync`: what a consultant would otherwise do with DuckDB.

Reads the same source files of a benchmark scale (bench-data/M or L) with DuckDB, on all
cores, and computes the same figures Overblik's sync does: row counts, the ottetalskontrol's
counts per paragraph for the reconciliation period, onlyInCaseSystem / onlyInEconomy, and
budget against spend per function and month. Prints the time and the figures, and writes
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
    "budgetRows": len(budget),
}
os.remove(converted)
with open(f"bench-data/compare-{scale}.json", "w") as f:
    json.dump(result, f, indent=2, default=str)
print(f"DuckDB {duckdb.__version__} on {scale}: ingest {ingest:.2f} s, all figures {total:.2f} s; rows {counts}")
print(f"  onlyInCaseSystem {result['onlyInCaseSystem']}, onlyInEconomy {result['onlyInEconomy']}, budget rows {len(budget)}")
