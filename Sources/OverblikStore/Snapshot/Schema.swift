import OverblikCore

/// The snapshot's SQLite schema. This text is the schema's documentation: read it here or
/// with `sqlite3 FILE .schema`.
///
/// Conventions: dates are INTEGER days since 1970-01-01 (`date(col * 86400, 'unixepoch')`
/// shows them; the `v_*` views do it for you); money is INTEGER øre; CPR is INTEGER (the ten
/// digits; `printf('%010d', cpr)`); an absent optional value is NULL; `line` is the physical
/// line in the source file where the row starts. Other municipalities are stored as given in
/// the export; NULL means this municipality.
package enum Schema {
    package static let version = 20

    package static let tables = """
    -- Key/value facts about the snapshot: created_at, today, municipality_code,
    -- municipality_name, program_version, schema_version, config_path, due_soon_days,
    -- rate_tolerance, max_reject_share, access, service_goals, ledelsestilsyn (JSON), comparison.
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

    -- One row per table of the drop: the file read, its SHA-256 and what came of it.
    CREATE TABLE sources (
        name TEXT PRIMARY KEY,          -- grants, staff, payments, budget, dst, mapping
        path TEXT NOT NULL,             -- as configured, relative to the configuration file
        sha256 TEXT NOT NULL,           -- hex; '' when the optional file was absent
        bytes INTEGER NOT NULL,
        rows INTEGER NOT NULL,          -- data rows read (header and blank lines not counted)
        rejected INTEGER NOT NULL,
        encoding TEXT NOT NULL,         -- utf-8 or windows-1252
        present INTEGER NOT NULL,       -- 0: optional file not in the drop
        skipped INTEGER NOT NULL,       -- rows read but not used (StatBank's country, regions, other ages …)
        modified TEXT NOT NULL          -- the file's modification day (ISO), '' when absent
    ) WITHOUT ROWID;

    -- Rows that could not be read, kept with file, line, column, raw value and reason.
    CREATE TABLE rejected_rows (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL,
        file TEXT NOT NULL,
        line INTEGER NOT NULL,
        column_name TEXT NOT NULL,      -- '' when the row as a whole is wrong
        field TEXT NOT NULL,            -- the column's field name (cpr, start, …) or ''
        value TEXT NOT NULL,
        reason_da TEXT NOT NULL,
        reason_en TEXT NOT NULL
    );

    \(create(.grants))

    \(create(.staff))

    -- Each caseworker's and each team's grants (in place of an index on either column): `owner` is
    -- 'caseworker:' or 'team:' and the name in lower case, `ids` the grants' ids ascending (4 bytes
    -- each, little-endian). Mine sager reads one caseworker's grants by these ids.
    CREATE TABLE grant_owners (owner TEXT PRIMARY KEY, ids BLOB NOT NULL) WITHOUT ROWID;

    -- The Team and Opfølgning views for the snapshot's today (meta views_today), so that they
    -- need not read every grant: team lines in order, and the follow-up list as grant ids in order.
    CREATE TABLE team_lines (
        position INTEGER PRIMARY KEY,
        caseworker TEXT NOT NULL, name TEXT NOT NULL, team TEXT NOT NULL,
        active_grants INTEGER NOT NULL, citizens INTEGER NOT NULL, overdue INTEGER NOT NULL, due_soon INTEGER NOT NULL,
        missing INTEGER NOT NULL, monthly_cost INTEGER NOT NULL, by_paragraph TEXT NOT NULL,
        team_median REAL NOT NULL, overloaded INTEGER NOT NULL
    );
    -- The follow-up list is read in windows (a screen's rows by position): each line holds what it
    -- shows of its grant (as in grants), and its key per column a list sorts by (FollowUpSort:
    -- texts as their place in Danish order, the CPR masked and whole, paragraphs in law order,
    -- days, the status's urgency; NULL for an empty cell).
    CREATE TABLE follow_ups (
        position INTEGER PRIMARY KEY, grant_id INTEGER NOT NULL,
        case_id TEXT NOT NULL, cpr INTEGER NOT NULL, name TEXT NOT NULL, paragraph TEXT NOT NULL, start INTEGER NOT NULL,
        "end" INTEGER, caseworker TEXT NOT NULL, team TEXT NOT NULL, next_follow_up INTEGER, last_follow_up INTEGER,
        line INTEGER NOT NULL,
        \(FollowUpSort.allCases.map { "\($0.column) INTEGER" }.joined(separator: ", "))
    );

    -- Each FollowUpSort's order of the follow-up lines, as ORDER BY its key, position gives it:
    -- the lines with no key first (`nulls` of them), then by key; equal keys in position order.
    -- `positions` holds each line's position - 1 (4 bytes, little-endian) in that order, `keys`
    -- the keys of the lines with one (8 bytes each) in the same order: a list is sorted, and its
    -- filter's values counted, from one read instead of a walk along an index.
    CREATE TABLE follow_up_orders (
        sort TEXT PRIMARY KEY, nulls INTEGER NOT NULL, positions BLOB NOT NULL, keys BLOB NOT NULL
    );

    -- Ledelsestilsyn's samples (management.md §3) as they would be fixed on the snapshot's today
    -- (meta views_today), of the periods of its year that had begun (meta supervision_samples, e.g.
    -- 2026K1,…,2026K4), each in position order, with what the views show of each grant (read
    -- without a look-up in grants); what is fixed lives in the store beside.
    CREATE TABLE supervision_samples (
        position INTEGER PRIMARY KEY, period TEXT NOT NULL, grant_id INTEGER NOT NULL,
        case_id TEXT NOT NULL, cpr INTEGER NOT NULL, paragraph TEXT NOT NULL, caseworker TEXT NOT NULL,
        team TEXT NOT NULL, from_active INTEGER NOT NULL, digest TEXT NOT NULL
    );

    -- Payments are packed (see PaymentCodec): one block per citizen, one per account function
    -- and posting month (year * 100 + month), each in the file's order; texts that repeat are symbols.
    CREATE TABLE symbols (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
    CREATE TABLE payments_by_cpr (cpr INTEGER PRIMARY KEY, count INTEGER NOT NULL, data BLOB NOT NULL);
    -- A month's payments on a function in parts of 8.192 (part 0, 1, …; the last holds the rest).
    CREATE TABLE payments_by_month (
        function TEXT NOT NULL,
        posting_month INTEGER NOT NULL,
        part INTEGER NOT NULL,
        count INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (function, posting_month, part)
    ) WITHOUT ROWID;

    \(create(.budget))

    \(create(.dst))

    -- The masteroversigt, in file order (id = order in the file).
    \(create(.mapping))

    -- Applications and the municipality's decisions on them (management.md §4); empty without
    -- the optional table.
    \(create(.decisions))

    -- Appeals to Ankestyrelsen (management.md §5) and the places agreed per provider (§7); empty
    -- without the optional tables.
    \(create(.appeals))

    \(create(.providers))

    -- Danmarks Statistik's StatBank (management.md §6): the service table (HAND07 or HAND01, per
    -- meta comparison's measure) and FOLK1A's population within the age band; empty without them.
    \(create(.statbank))

    \(create(.population))

    -- Counts of records read but not fully usable (grantsWithoutRate, paymentsWithoutParagraph,
    -- grantsWithUnknownCaseworker).
    CREATE TABLE data_quality (name TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;

    -- Derived figures, computed by the sync for the snapshot's `today` and the years in
    -- derived_years (this year and last year). Views for other years or another today compute.
    CREATE TABLE derived_years (
        year INTEGER PRIMARY KEY,
        period_start INTEGER,           -- the reconciliation period; NULL when no month is over
        period_end INTEGER
    );

    -- The ottetalskontrol: full-time persons as covered days over period days.
    CREATE TABLE ottetal (
        year INTEGER NOT NULL, paragraph TEXT NOT NULL, case_system INTEGER NOT NULL, economy INTEGER NOT NULL,
        both INTEGER NOT NULL, only_case_system INTEGER NOT NULL, only_economy INTEGER NOT NULL,
        covered_case_days INTEGER NOT NULL, covered_economy_days INTEGER NOT NULL, period_days INTEGER NOT NULL
    );

    CREATE TABLE discrepancies (
        year INTEGER NOT NULL,
        key TEXT NOT NULL,              -- stable across syncs: annotations attach to it
        kind TEXT NOT NULL,
        paragraph TEXT NOT NULL,
        cpr INTEGER,                    -- NULL for a data break
        case_ids TEXT NOT NULL,         -- comma-separated
        voucher_ids TEXT NOT NULL,      -- comma-separated
        month TEXT,                     -- YYYY-MM
        caseworker TEXT NOT NULL,
        amount INTEGER,                 -- øre
        explained INTEGER NOT NULL,
        explanation_da TEXT, explanation_en TEXT,
        message_da TEXT NOT NULL, message_en TEXT NOT NULL
    );

    CREATE TABLE budget_months (
        year INTEGER NOT NULL, month INTEGER NOT NULL, function TEXT NOT NULL, label TEXT NOT NULL,
        budget INTEGER NOT NULL, spend INTEGER NOT NULL, cumulative_budget INTEGER NOT NULL,
        cumulative_spend INTEGER NOT NULL, deviation INTEGER NOT NULL, annual_budget INTEGER NOT NULL,
        forecast_year INTEGER NOT NULL, covered_days INTEGER NOT NULL, period_days INTEGER NOT NULL,
        unit_cost INTEGER
    );

    -- Udvikling (management.md §1) for the snapshot's today: per series (dimension '' and value ''
    -- for the total) and month (year * 12 + month - 1) from meta development_kept_from, what was
    -- counted; the measures, a year earlier and the rolling twelve months are derived from it.
    -- Kept in key order (a series' months together, one dimension without the teams' 600 series).
    CREATE TABLE development (
        dimension TEXT NOT NULL, value TEXT NOT NULL, month INTEGER NOT NULL,
        active INTEGER NOT NULL, inflow INTEGER NOT NULL, outflow INTEGER NOT NULL,
        covered_days INTEGER NOT NULL, paid_covered_days INTEGER NOT NULL, grants INTEGER NOT NULL,
        spend INTEGER, paid_for INTEGER,  -- øre; NULL per target group and team
        days INTEGER NOT NULL,
        PRIMARY KEY (dimension, value, month)
    ) WITHOUT ROWID;

    -- Servicemål (management.md §4) per paragraph ('' … NULL for the total of the paragraphs with a
    -- goal) and quarter of the decision, as the sync computed them from every application (they do
    -- not depend on today); only when meta service_goal_lines = 'stored'. In position order.
    CREATE TABLE service_goal_lines (
        position INTEGER PRIMARY KEY,
        paragraph TEXT, year INTEGER NOT NULL, quarter INTEGER NOT NULL, goal TEXT,
        decided INTEGER NOT NULL, shelved INTEGER NOT NULL, in_time INTEGER, late INTEGER, late_without_notice INTEGER,
        median_days REAL
    );

    -- Belægning (management.md §7) for the snapshot's today (meta views_today) of the year in meta
    -- occupancy_year (that of the last month over): per provider its months (month = year * 12 +
    -- month - 1) and the year (month NULL), in position order; only with the providers table.
    CREATE TABLE occupancy_lines (
        position INTEGER PRIMARY KEY,
        provider TEXT NOT NULL, paragraph TEXT, month INTEGER, days INTEGER NOT NULL, capacity_days INTEGER,
        occupied_days INTEGER NOT NULL, budgeted_occupancy REAL, own INTEGER NOT NULL
    );

    -- Klagesager (management.md §5) for the snapshot's today (meta views_today), only with the
    -- appeals table (meta appeal_lines = 'stored'): the lines in the order shown (by year, the
    -- paragraphs in law order, the year's whole last with paragraph NULL; pending only on today's
    -- year), and the appeals pending at the board that day, the oldest first.
    CREATE TABLE appeal_lines (
        position INTEGER PRIMARY KEY,
        paragraph TEXT, year INTEGER NOT NULL, upheld INTEGER NOT NULL, changed_or_annulled INTEGER NOT NULL,
        remitted INTEGER NOT NULL, not_on_merits INTEGER NOT NULL, received INTEGER NOT NULL,
        reconsidered_in_time INTEGER NOT NULL, agreed_in_reconsideration INTEGER NOT NULL, pending INTEGER
    );
    CREATE TABLE pending_appeals (position INTEGER PRIMARY KEY, appeal TEXT NOT NULL);  -- appeals.appeal_id

    -- Sammenligning (management.md §6) for the snapshot's today (meta views_today), only with both
    -- StatBank tables (meta comparison_measure): its rows in order (codes: the municipality's, a
    -- pooled pair comma-separated; figures in hundredths, rates per 10.000 unrounded and in
    -- tenths), and the quarters the own extract covers that DST has not published.
    CREATE TABLE comparison_lines (
        position INTEGER PRIMARY KEY,
        codes TEXT NOT NULL, is_own INTEGER NOT NULL, service_type TEXT NOT NULL, service_text TEXT NOT NULL, paragraph TEXT,
        year INTEGER NOT NULL, quarter INTEGER NOT NULL, count INTEGER, population INTEGER, rate REAL, rank INTEGER,
        ranked INTEGER, others_rate REAL, rate_tenths INTEGER, others_rate_tenths INTEGER, own INTEGER
    );
    CREATE TABLE comparison_unpublished (
        position INTEGER PRIMARY KEY,
        service_type TEXT NOT NULL, paragraph TEXT, year INTEGER NOT NULL, quarter INTEGER NOT NULL, own INTEGER NOT NULL
    );

    CREATE TABLE movements (
        year INTEGER NOT NULL, month INTEGER NOT NULL, paragraph TEXT NOT NULL,
        inflow INTEGER NOT NULL, outflow INTEGER NOT NULL, active_at_month_end INTEGER NOT NULL
    );
    """

    /// The tables a drop's records are kept in, column by column (payments are packed instead).
    package static let recordTables: [TableName] = [.grants, .staff, .budget, .dst, .mapping, .decisions, .appeals, .providers, .statbank, .population]

    /// A record table's stored columns, in the order of `TableName.columns`, then `line`.
    package static func storedColumns(_ table: TableName) -> [String] {
        table.columns.compactMap(\.stored) + ["line"]
    }

    /// A column name as SQL: quoted where it is a keyword.
    static func quoted(_ name: String) -> String { name == "end" ? "\"end\"" : name }

    /// A record table's CREATE, from the table's one description: an `id` in file order, the stored
    /// columns with their types and notes, and the line the record came from.
    package static func create(_ table: TableName) -> String {
        var lines = ["id INTEGER PRIMARY KEY,"]
        for c in table.columns {
            guard let name = c.stored else { continue }
            // (A unique column's index is built after the load, in `recordIndexes`: kept row by row
            // it cost SQLite a B-tree insertion at a random place per grant and application.)
            let definition = "\(quoted(name)) \(c.type.rawValue)\(c.nullable ? "" : " NOT NULL"),"
            lines.append(c.note.map { definition + String(repeating: " ", count: max(1, 32 - definition.count)) + "-- " + $0 } ?? definition)
        }
        lines.append("line INTEGER NOT NULL")
        return "CREATE TABLE \(table.rawValue) (\n" + lines.map { "    " + $0 }.joined(separator: "\n") + "\n);"
    }

    /// The INSERT of one record of a record table (values in `storedColumns` order).
    package static func insert(_ table: TableName) -> String {
        let columns = storedColumns(table)
        return "INSERT INTO \(table.rawValue) (\(columns.map(quoted).joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ",")))"
    }

    /// The SELECT of a record table's stored columns, in `storedColumns` order (read by position).
    package static func select(_ table: TableName) -> String {
        "SELECT \(storedColumns(table).map(quoted).joined(separator: ", ")) FROM \(table.rawValue)"
    }

    /// Built after the bulk load.
    /// The records' indexes: built while the figures are still being computed.
    package static let recordIndexes = uniqueIndexes + """
    CREATE INDEX grants_cpr ON grants(cpr, paragraph);
    CREATE INDEX dst_cpr ON dst(cpr, paragraph);
    CREATE INDEX rejected_table ON rejected_rows(table_name, line);
    -- The pending applications (Team, Opfølgning, Frister) without reading every decided one.
    CREATE INDEX decisions_pending ON decisions(id) WHERE decided IS NULL;
    -- A case's applications (a sampled case's checklist in Tilsyn: its newest decision), not every one read.
    CREATE INDEX decisions_case ON decisions(case_id);
    """

    /// Each unique column's index (the sync has refused duplicate keys while reading): sorted
    /// once after the load.
    static var uniqueIndexes: String {
        recordTables.flatMap { table in
            table.columns.filter(\.unique).compactMap(\.stored).map { "CREATE UNIQUE INDEX \(table.rawValue)_\($0) ON \(table.rawValue)(\($0));\n" }
        }.joined()
    }

    /// The figures' indexes.
    package static let derivedIndexes = """
    CREATE INDEX discrepancies_year ON discrepancies(year, kind, paragraph);
    CREATE INDEX discrepancies_key ON discrepancies(key);
    CREATE INDEX discrepancies_cpr ON discrepancies(cpr, year);  -- a citizen's, read as their page opens
    CREATE INDEX supervision_samples_period ON supervision_samples(period, position);
    """

    /// Readable views for the sqlite3 shell: dates as ISO text, money in kroner.
    package static let views = """
    CREATE VIEW v_grants AS SELECT case_id, printf('%010d', cpr) AS cpr, name, paragraph, service_code,
        provider, date(start * 86400, 'unixepoch') AS start, date("end" * 86400, 'unixepoch') AS "end",
        rate / 100.0 AS rate_kr, rate_unit, caseworker, team,
        date(next_follow_up * 86400, 'unixepoch') AS next_follow_up, target_group,
        acting_municipality, paying_municipality, line FROM grants;
    """
}
