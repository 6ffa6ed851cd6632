#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

/* The wide-character API (cchar_t, add_wch, get_wch). SwiftPM drops pkg-config's
   -D_XOPEN_SOURCE, so the define must be here, before the include. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros Swift cannot import, exported as functions. Never re-derive their values in Swift. */
static inline attr_t cn_color_pair(short n)      { return (attr_t)COLOR_PAIR(n); }
static inline int    cn_key_f(int n)             { return KEY_F(n); }
static inline void   cn_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline attr_t cn_a_normal(void)    { return A_NORMAL; }
static inline attr_t cn_a_bold(void)      { return A_BOLD; }
static inline attr_t cn_a_reverse(void)   { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void)       { return A_DIM; }
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int     cn_colors(void) { return COLORS; }
static inline mmask_t cn_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline int     cn_wcwidth(wchar_t c) { return wcwidth(c); }
/* Mouse: a left press selects, the wheel (buttons 4 and 5) scrolls. */
static inline mmask_t cn_click(void)      { return BUTTON1_PRESSED; }
static inline mmask_t cn_wheel_up(void)   { return BUTTON4_PRESSED; }
static inline mmask_t cn_wheel_down(void) { return BUTTON5_PRESSED; }
static inline mmask_t cn_mouse_events(void) { return BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }

#endif
