/* cleantext.c - text made valid UTF-8 without the characters XML forbids. */
#include "write/write.h"

#define REPLACEMENT "\xef\xbf\xbd"

void
tk_clean_text_r(const struct tk_str *v, struct tk_buf *out, struct tk_repl *r)
{
	size_t i = 0, k;

	tk_buf_add(out, "", 0);
	while (i < v->n) {
		int kind = tk_char_kind(v->p + i, v->n - i, 0, &k);
		if (kind == TK_CH_OK && v->p[i] == 0x7f)
			kind = TK_CH_CONTROL;
		if (kind != TK_CH_OK) {
			tk_buf_add(out, REPLACEMENT, 3);
			tk_repl_add(r, kind);
		} else {
			tk_buf_add(out, v->p + i, k);
		}
		i += k;
	}
}

size_t
tk_clean_text(const struct tk_str *v, struct tk_buf *out)
{
	struct tk_repl r = { 0, 0 };

	tk_clean_text_r(v, out, &r);
	return r.utf8 + r.ctrl;
}
