/* cleantext.c - text made valid UTF-8 without the characters XML forbids. */
#include "write/write.h"

void
tk_clean_text_r(const struct tk_str *v, struct tk_buf *out, struct tk_repl *r)
{
	size_t i = 0, k;

	tk_buf_add(out, "", 0);
	while (i < v->n) {
		int kind = tk_char_kind(v->p + i, v->n - i, 0, &k);
		if (kind == TK_CH_OK && v->p[i] == 0x7f)
			kind = TK_CH_CONTROL;
		tk_repl_put(out, v->p + i, k, kind, r);
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
