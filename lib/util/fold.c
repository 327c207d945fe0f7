/* fold.c - comparison that ignores ASCII case. */
#include "util/util.h"

int
tk_equal_fold(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return 0;
	for (size_t i = 0; i < an; i++)
		if (tk_lower((unsigned char)a[i]) != tk_lower((unsigned char)b[i]))
			return 0;
	return 1;
}
