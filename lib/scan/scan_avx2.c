/*
 * scan_avx2.c - the vector scan kernels: 32 bytes compared at a time
 * with AVX2.  They are compiled for AVX2 by a function attribute, so the
 * build needs no -march flag, and used only when the CPU says it has
 * AVX2, POPCNT and BMI1 (scan_vector).
 */
#include <stddef.h>
#include <stdint.h>

#include "scan/scan.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define TARGET __attribute__((target("avx2,popcnt,bmi")))

TARGET static size_t
unquoted_avx2(const char *p, size_t n, int delim)
{
	const __m256i d = _mm256_set1_epi8((char)delim);
	const __m256i cr = _mm256_set1_epi8('\r');
	const __m256i lf = _mm256_set1_epi8('\n');
	size_t i = 0;

	for (; i + 32 <= n; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
		__m256i m = _mm256_or_si256(_mm256_or_si256(
		    _mm256_cmpeq_epi8(v, d), _mm256_cmpeq_epi8(v, cr)),
		    _mm256_cmpeq_epi8(v, lf));
		unsigned bits = (unsigned)_mm256_movemask_epi8(m);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
	for (; i < n; i++)
		if (p[i] == delim || p[i] == '\n' || p[i] == '\r')
			break;
	return i;
}

/* Line ends in a block: every CR, and every LF not right after a CR. */
TARGET static unsigned long
line_ends(uint64_t cr, uint64_t lf, uint64_t carry)
{
	return (unsigned long)(__builtin_popcountll(cr) +
	    __builtin_popcountll(lf & ~((cr << 1) | carry)));
}

/* The bits of the bytes of p[0 .. 64) equal to c. */
TARGET static uint64_t
eq64(__m256i lo, __m256i hi, __m256i c)
{
	uint32_t a = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, c));
	uint32_t b = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, c));

	return (uint64_t)b << 32 | a;
}

/*
 * Whether any byte of the 64 is '"', LF or CR: a byte matches when the
 * table entry for its low nibble is the byte itself.
 */
TARGET static int
any_special(__m256i lo, __m256i hi)
{
	const __m256i table = _mm256_setr_epi8(
	    (char)0x81, (char)0x82, '"', (char)0x84, (char)0x85, (char)0x86,
	    (char)0x87, (char)0x88, (char)0x89, (char)0x8a, '\n', (char)0x8c,
	    (char)0x8d, '\r', (char)0x8f, (char)0x80,
	    (char)0x81, (char)0x82, '"', (char)0x84, (char)0x85, (char)0x86,
	    (char)0x87, (char)0x88, (char)0x89, (char)0x8a, '\n', (char)0x8c,
	    (char)0x8d, '\r', (char)0x8f, (char)0x80);
	__m256i a = _mm256_cmpeq_epi8(_mm256_shuffle_epi8(table, lo), lo);
	__m256i b = _mm256_cmpeq_epi8(_mm256_shuffle_epi8(table, hi), hi);

	return !_mm256_testz_si256(_mm256_or_si256(a, b), _mm256_or_si256(a,
	    b));
}

/* The scalar end of quoted_avx2, from p[i] on; pend: p[i - 1] is a lone '"'. */
static size_t
quoted_tail(const char *p, size_t n, size_t i, int pend, int carry,
    unsigned long *lines, int *pairs)
{
	if (pend) {
		if (i == n || p[i] != '"')
			return i - 1;
		*pairs = 1;
		i++;
		carry = 0;
	}
	for (; i < n; i++) {
		if (p[i] == '"') {
			if (i + 1 == n || p[i + 1] != '"')
				return i;
			*pairs = 1;
			i++;
		} else if (p[i] == '\r' || (p[i] == '\n' && !carry)) {
			++*lines;
		}
		carry = p[i] == '\r';
	}
	return n;
}

TARGET static size_t
quoted_avx2(const char *p, size_t n, unsigned long *lines, int *pairs)
{
	const __m256i qq = _mm256_set1_epi8('"');
	const __m256i cr = _mm256_set1_epi8('\r');
	const __m256i lf = _mm256_set1_epi8('\n');
	uint64_t carry = 0;     /* the byte before the block is a CR */
	int pend = 0;           /* the byte before the block is a lone '"' */
	size_t i = 0;

	for (; i + 64 <= n; i += 64) {
		__m256i lo = _mm256_loadu_si256((const __m256i *)(p + i));
		__m256i hi = _mm256_loadu_si256((const __m256i *)(p + i + 32));
		if (!pend && !any_special(lo, hi)) {
			carry = 0;
			continue;
		}
		uint64_t q = eq64(lo, hi, qq);
		uint64_t c = eq64(lo, hi, cr);
		uint64_t l = eq64(lo, hi, lf);
		if (pend) {
			if (!(q & 1))
				return i - 1;
			*pairs = 1;
			q &= ~(uint64_t)1;
			pend = 0;
		}
		while (q) {
			unsigned k = (unsigned)__builtin_ctzll(q);
			if (k == 63) {
				pend = 1;
				break;
			}
			if (q >> (k + 1) & 1) {
				*pairs = 1;
				q &= ~((uint64_t)3 << k);
				continue;
			}
			uint64_t below = ((uint64_t)1 << k) - 1;
			*lines += line_ends(c & below, l & below, carry);
			return i + k;
		}
		if (c | l)
			*lines += line_ends(c, l, carry);
		carry = c >> 63;
	}
	return quoted_tail(p, n, i, pend, (int)carry, lines, pairs);
}

/* Copies 32 bytes at a time; pairs are sparse, so each ends a step. */
TARGET static size_t
undouble_avx2(char *dst, const char *v, size_t n)
{
	const __m256i qq = _mm256_set1_epi8('"');
	size_t i = 0, o = 0;

	while (i + 32 <= n) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(v + i));
		unsigned m = (unsigned)_mm256_movemask_epi8(
		    _mm256_cmpeq_epi8(x, qq));
		_mm256_storeu_si256((__m256i *)(dst + o), x);
		if (m == 0) {
			i += 32;
			o += 32;
			continue;
		}
		unsigned k = (unsigned)__builtin_ctz(m);
		o += k + 1;
		i += k + 2;
	}
	for (; i < n; i++) {
		dst[o++] = v[i];
		if (v[i] == '"')
			i++;
	}
	return o;
}

TARGET static size_t
ascii_run_avx2(const char *p, size_t n)
{
	const __m256i sp = _mm256_set1_epi8(0x20);
	const __m256i qq = _mm256_set1_epi8('"');
	const __m256i bs = _mm256_set1_epi8('\\');
	size_t i = 0;

	for (; i + 32 <= n; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
		/* Signed: bytes from 0x80 on are below 0x20 too. */
		__m256i bad = _mm256_or_si256(_mm256_cmpgt_epi8(sp, v),
		    _mm256_or_si256(_mm256_cmpeq_epi8(v, qq),
		    _mm256_cmpeq_epi8(v, bs)));
		unsigned m = (unsigned)_mm256_movemask_epi8(bad);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			break;
	}
	return i;
}

/* 128 bytes a step: the high bits of four vectors at once. */
TARGET static size_t
ascii_avx2(const char *p, size_t n)
{
	size_t i = 0;

	for (; i + 128 <= n; i += 128) {
		const __m256i *q = (const __m256i *)(p + i);
		__m256i v = _mm256_or_si256(_mm256_or_si256(
		    _mm256_loadu_si256(q), _mm256_loadu_si256(q + 1)),
		    _mm256_or_si256(_mm256_loadu_si256(q + 2),
		    _mm256_loadu_si256(q + 3)));
		if (_mm256_movemask_epi8(v))
			break;
	}
	for (; i + 32 <= n; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
		unsigned m = (unsigned)_mm256_movemask_epi8(v);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	while (i < n && (unsigned char)p[i] < 0x80)
		i++;
	return i;
}

static const struct scan_ops ops_avx2 = { unquoted_avx2, quoted_avx2,
    undouble_avx2, ascii_run_avx2, ascii_avx2 };

const struct scan_ops *
scan_vector(void)
{
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt")
	    && __builtin_cpu_supports("bmi"))
		return &ops_avx2;
	return NULL;
}

#else

const struct scan_ops *
scan_vector(void)
{
	return NULL;
}

#endif
