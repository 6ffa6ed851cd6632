#ifndef OVERBLIK_CSQLITESETUP_H
#define OVERBLIK_CSQLITESETUP_H

/// Turns SQLite's memory statistics off for the whole process (SQLITE_CONFIG_MEMSTATUS 0): with
/// them on, every allocation SQLite makes takes a process-wide mutex to count it, and a sync's
/// writer allocates per row. Must run before SQLite is first used; returns SQLite's result code
/// (SQLITE_OK, or SQLITE_MISUSE once SQLite is in use, which changes nothing).
/// (sqlite3_config takes variable arguments, which Swift cannot call: hence this C function.)
int overblik_sqlite_memstatus_off(void);

#endif
