/*
 * fast_avx2.c - the vector kernels of the fast path: 32 bytes compared
 * at a time with AVX2.  They are compiled for AVX2 by a function
 * attribute, so the build needs no -march flag, and used only when the
 * CPU says it has AVX2, POPCNT and BMI1 (scan_vector).
 */
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

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

TARGET static size_t
quoted_avx2(const char *p, size_t n, unsigned long *lines)
{
	const __m256i qq = _mm256_set1_epi8('"');
	const __m256i cr = _mm256_set1_epi8('\r');
	const __m256i lf = _mm256_set1_epi8('\n');
	uint64_t carry = 0;     /* the byte before the block is a CR */
	size_t i = 0;

	for (; i + 64 <= n; i += 64) {
		__m256i lo = _mm256_loadu_si256((const __m256i *)(p + i));
		__m256i hi = _mm256_loadu_si256((const __m256i *)(p + i + 32));
		uint64_t q = eq64(lo, hi, qq);
		uint64_t c = eq64(lo, hi, cr);
		uint64_t l = eq64(lo, hi, lf);
		if (q) {
			uint64_t below = (q & -q) - 1;
			*lines += line_ends(c & below, l & below, carry);
			return i + (size_t)__builtin_ctzll(q);
		}
		if (c | l)
			*lines += line_ends(c, l, carry);
		carry = c >> 63;
	}
	for (; i < n && p[i] != '"'; i++) {
		if (p[i] == '\r' || (p[i] == '\n' && !carry))
			++*lines;
		carry = p[i] == '\r';
	}
	return i;
}

static const struct scan_ops ops_avx2 = { unquoted_avx2, quoted_avx2 };

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
