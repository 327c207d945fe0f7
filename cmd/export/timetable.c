/*
 * timetable.c - html's timetable: for each day a grid with a column per
 * room (in the order rooms first appear, or as --rooms lists them), the
 * time running down in rows of the largest step that divides every start
 * and end of the day (the shortest slot, on a regular schedule), and each
 * talk a cell spanning its rows.  Talks that overlap in one room are set
 * side by side in lanes of the room's column.  A talk without an end
 * lasts the shortest slot of its day (30 minutes when none has an end).
 * A cell shows the title, the speakers parted by commas, the track and
 * the level, and links to the talk's details, which fmt_html.c writes
 * with the id "talk-N".  The talks without a time are listed after the
 * grids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

/* A talk with a time, as the grid places it (minutes from the day's first). */
struct slot {
	size_t row;               /* in the batch */
	long long day;            /* local days since 1970 */
	long long start, end;     /* local seconds */
	int has_end;
	size_t room;              /* rank of its room */
	size_t lane;
	long a, b;                /* minutes from the day's first start */
};

/* The rooms: a rank for each, from --rooms and then first appearance. */
struct rooms {
	struct tk_groups *g;
	size_t *rank;             /* by group index */
	size_t n;
	struct tk_str *name;      /* by rank: as first spelt, empty for none */
};

static const char *const none_room = "(no room)";

static int
by_time(const void *p, const void *q)
{
	const struct slot *a = p, *b = q;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->room != b->room)
		return a->room < b->room ? -1 : 1;
	return (a->row > b->row) - (a->row < b->row);
}

static int
by_room(const void *p, const void *q)
{
	const struct slot *a = p, *b = q;

	if (a->room != b->room)
		return a->room < b->room ? -1 : 1;
	return by_time(p, q);
}

static long long
floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static long
gcd(long a, long b)
{
	while (b) {
		long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Ranks the rooms: those of --rooms in its order, then as they appear. */
static void
rooms_make(struct exporter *x, const struct batch *b, struct rooms *r)
{
	struct tk_record rec;
	size_t *order, next = 0, n;

	r->g = tk_groups_new(NULL, NULL, 0);
	if (x->o->rooms) {
		const char *p = x->o->rooms;
		for (;;) {
			const char *q = strchr(p, ',');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			if (len > 0)
				tk_groups_intern(r->g, p, len);
			if (q == NULL)
				break;
			p = q + 1;
		}
	}
	n = tk_groups_count(r->g);
	for (size_t i = 0; i < b->n; i++) {
		batch_record(b, i, &rec);
		if (export_blank(&rec.f[TK_ROOM]))
			tk_groups_intern(r->g, "", 0);
		else
			tk_groups_intern(r->g, rec.f[TK_ROOM].p,
			    rec.f[TK_ROOM].n);
	}
	r->n = tk_groups_count(r->g);
	r->rank = tk_xcalloc(r->n + 1, sizeof(*r->rank));
	r->name = tk_xcalloc(r->n + 1, sizeof(*r->name));
	/* Input order puts the none group last; --rooms' come first. */
	order = tk_groups_order(r->g, TK_ORDER_INPUT, TK_ROOM);
	for (size_t k = 0; k < r->n; k++)
		if (order[k] < n && tk_groups_name(r->g, order[k]).n > 0)
			r->rank[order[k]] = (size_t)-1;
	for (size_t i = 0; i < n; i++)
		if (r->rank[i] == (size_t)-1)
			r->rank[i] = next++;
	for (size_t k = 0; k < r->n; k++)
		if (order[k] >= n || tk_groups_name(r->g, order[k]).n == 0)
			r->rank[order[k]] = next++;
	for (size_t i = 0; i < r->n; i++)
		r->name[r->rank[i]] = tk_groups_name(r->g, i);
	free(order);
}

static void
rooms_free(struct rooms *r)
{
	tk_groups_free(r->g);
	free(r->rank);
	free(r->name);
}

/* Says which rooms of --rooms no talk has: a likely misspelling. */
static void
rooms_unused(struct exporter *x, struct rooms *r, const struct slot *s,
    size_t n)
{
	unsigned char *used = tk_xcalloc(r->n + 1, 1);

	for (size_t i = 0; i < n; i++)
		used[s[i].room] = 1;
	for (size_t i = 0; i < r->n; i++)
		if (!used[i] && r->name[i].n > 0 && x->o->rooms)
			fprintf(stderr, "talks: room '%.*s' has no talk with a "
			    "time\n", (int)tk_cut(r->name[i].p, r->name[i].n,
			    80), r->name[i].p);
	free(used);
}

static void
put_hm(struct tk_out *o, long long local)
{
	char buf[16];
	long long m = floor_div(local, 60);
	long long d = m - floor_div(m, 1440) * 1440;

	snprintf(buf, sizeof(buf), "%02d:%02d", (int)(d / 60), (int)(d % 60));
	tk_out_puts(o, buf);
}

static void
put_date(struct tk_out *o, long long day)
{
	struct tk_time t;
	char buf[32];

	tk_time_from_epoch(day * 86400, &t);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", t.year, t.mon, t.mday);
	tk_out_puts(o, buf);
}

static void
put_grid_pos(struct tk_out *o, long r0, long r1, size_t c0, size_t span)
{
	char buf[96];

	snprintf(buf, sizeof(buf), " style=\"grid-row: %ld / %ld; "
	    "grid-column: %zu / span %zu\"", r0, r1, c0, span);
	tk_out_puts(o, buf);
}

/* The title of the talk in row, as a link to its details. */
static void
put_title_link(struct tk_out *o, const struct tk_record *rec, size_t row,
    struct tk_repl *bad)
{
	char id[40];

	snprintf(id, sizeof(id), "<a href=\"#talk-%zu\">", row + 1);
	tk_out_puts(o, id);
	if (export_blank(&rec->f[TK_TITLE]))
		tk_out_puts(o, "(no title)");
	else
		tk_put_html(o, &rec->f[TK_TITLE], bad);
	tk_out_puts(o, "</a>");
}

/* A talk's cell: the title as a link to its details, speakers, track, level. */
static void
put_cell(struct exporter *x, const struct batch *b, const struct slot *s,
    const struct rooms *r, size_t col, long step, struct tk_repl *bad)
{
	struct tk_out *o = x->out;
	struct tk_record rec;
	const struct tk_str *v;
	char id[32];

	batch_record(b, s->row, &rec);
	snprintf(id, sizeof(id), "talk-%zu", s->row + 1);
	tk_out_puts(o, "<div class=\"talk\" data-talk=\"");
	tk_out_puts(o, id);
	tk_out_puts(o, "\" data-room=\"");
	tk_put_html(o, &r->name[s->room], bad);
	tk_out_puts(o, "\" data-start=\"");
	put_hm(o, s->start);
	tk_out_puts(o, "\" data-end=\"");
	put_hm(o, s->end);
	tk_out_putc(o, '"');
	put_grid_pos(o, 2 + s->a / step, 2 + s->b / step, col + s->lane, 1);
	tk_out_putc(o, '>');
	put_title_link(o, &rec, s->row, bad);
	v = &rec.f[TK_SPEAKER];
	if (!export_blank(v)) {
		struct tk_str item;
		size_t pos = 0;
		int n = 0;
		/* The speakers as items, however the file parts them. */
		tk_out_puts(o, "<span class=\"who\">");
		while (tk_next_item(v, &pos, &item))
			if (item.n > 0) {
				if (n++)
					tk_out_puts(o, ", ");
				tk_put_html(o, &item, bad);
			}
		tk_out_puts(o, "</span>");
	}
	if (!export_blank(&rec.f[TK_TRACK]) || !export_blank(&rec.f[TK_LEVEL])) {
		tk_out_puts(o, "<span class=\"meta\">");
		tk_put_html(o, &rec.f[TK_TRACK], bad);
		if (!export_blank(&rec.f[TK_TRACK]) &&
		    !export_blank(&rec.f[TK_LEVEL]))
			tk_out_puts(o, " \xc2\xb7 ");
		tk_put_html(o, &rec.f[TK_LEVEL], bad);
		tk_out_puts(o, "</span>");
	}
	tk_out_puts(o, "</div>\n");
}

/* Sets the lanes of the talks s[0 .. n) of one room, sorted by start. */
static size_t
set_lanes(struct slot *s, size_t n)
{
	long *end = NULL;
	size_t nl = 0, cap = 0;

	for (size_t i = 0; i < n; i++) {
		size_t l = 0;
		while (l < nl && end[l] > s[i].a)
			l++;
		if (l == nl) {
			TK_GROW(end, cap, nl + 1);
			nl++;
		}
		end[l] = s[i].b;
		s[i].lane = l;
	}
	free(end);
	return nl;
}

/* The time labels: one at each start and end, down to the next. */
static void
put_times(struct tk_out *o, const struct slot *s, size_t n, long long d0,
    long step)
{
	long *t = tk_xcalloc(2 * n + 1, sizeof(*t));
	size_t k = 0, m = 0;

	for (size_t i = 0; i < n; i++) {
		t[k++] = s[i].a;
		t[k++] = s[i].b;
	}
	/* Sorted, without repeats (few: a day's slots). */
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && t[j - 1] > t[j]; j--) {
			long tmp = t[j];
			t[j] = t[j - 1];
			t[j - 1] = tmp;
		}
	for (size_t i = 0; i < k; i++)
		if (m == 0 || t[m - 1] != t[i])
			t[m++] = t[i];
	for (size_t i = 0; i + 1 < m; i++) {
		tk_out_puts(o, "<div class=\"time\" data-time=\"");
		put_hm(o, d0 + t[i] * 60);
		tk_out_putc(o, '"');
		put_grid_pos(o, 2 + t[i] / step, 2 + t[i + 1] / step, 1, 1);
		tk_out_putc(o, '>');
		put_hm(o, d0 + t[i] * 60);
		tk_out_puts(o, "</div>\n");
	}
	free(t);
}

/* The grid of one day: its talks s[0 .. n), sorted by time. */
static void
put_day(struct exporter *x, const struct batch *b, struct slot *s, size_t n,
    const struct rooms *r, struct tk_repl *bad)
{
	struct tk_out *o = x->out;
	long long d0 = s[0].start;
	long step = 0, last = 0, shortest = 0;
	size_t *col = tk_xcalloc(r->n + 1, sizeof(*col));
	size_t *lanes = tk_xcalloc(r->n + 1, sizeof(*lanes));
	size_t ncol = 1;
	char buf[96];

	for (size_t i = 0; i < n; i++)
		if (s[i].has_end && s[i].end > s[i].start &&
		    (shortest == 0 || (s[i].end - s[i].start) / 60 < shortest))
			shortest = (long)((s[i].end - s[i].start) / 60);
	if (shortest <= 0)
		shortest = 30;
	for (size_t i = 0; i < n; i++) {
		long long e = s[i].has_end ? s[i].end : s[i].start +
		    shortest * 60LL;
		s[i].a = (long)floor_div(s[i].start - d0, 60);
		s[i].b = (long)((e - d0 + 59) / 60);
		if (s[i].b <= s[i].a)
			s[i].b = s[i].a + 1;
		s[i].end = d0 + s[i].b * 60LL;
		step = gcd(step, gcd(s[i].a, s[i].b));
		if (s[i].b > last)
			last = s[i].b;
	}
	if (step <= 0)
		step = last > 0 ? last : 1;
	qsort(s, n, sizeof(*s), by_room);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && s[j].room == s[i].room; j++)
			;
		lanes[s[i].room] = set_lanes(s + i, j - i);
	}
	for (size_t k = 0; k < r->n; k++) {
		col[k] = ncol + 1;
		ncol += lanes[k];
	}
	tk_out_puts(o, "<section class=\"day\" id=\"day-");
	put_date(o, s[0].day);
	tk_out_puts(o, "\">\n<h2><time datetime=\"");
	put_date(o, s[0].day);
	tk_out_puts(o, "\">");
	put_date(o, s[0].day);
	tk_out_puts(o, "</time></h2>\n<div class=\"grid-wrap\">\n");
	snprintf(buf, sizeof(buf), "<div class=\"grid\" style=\"--lanes: %zu; "
	    "--rows: %ld\">\n", ncol - 1, last / step);
	tk_out_puts(o, buf);
	tk_out_puts(o, "<div class=\"corner\" style=\"grid-row: 1; "
	    "grid-column: 1\"></div>\n");
	for (size_t k = 0; k < r->n; k++) {
		if (lanes[k] == 0)
			continue;
		tk_out_puts(o, "<div class=\"room\" data-room=\"");
		tk_put_html(o, &r->name[k], bad);
		tk_out_putc(o, '"');
		put_grid_pos(o, 1, 2, col[k], lanes[k]);
		tk_out_putc(o, '>');
		if (r->name[k].n == 0)
			tk_out_puts(o, none_room);
		else
			tk_put_html(o, &r->name[k], bad);
		tk_out_puts(o, "</div>\n");
	}
	put_times(o, s, n, d0, step);
	qsort(s, n, sizeof(*s), by_time);
	for (size_t i = 0; i < n; i++)
		put_cell(x, b, &s[i], r, col[s[i].room], step, bad);
	tk_out_puts(o, "</div>\n</div>\n</section>\n");
	free(col);
	free(lanes);
}

/* The talks without a time, linked to their details. */
static void
put_unscheduled(struct exporter *x, const struct batch *b,
    const unsigned char *timed, struct tk_repl *bad)
{
	struct tk_out *o = x->out;
	struct tk_record rec;
	int any = 0;

	for (size_t i = 0; i < b->n; i++) {
		if (timed[i])
			continue;
		if (!any)
			tk_out_puts(o, "<section class=\"unscheduled\">\n"
			    "<h2>Not scheduled</h2>\n<ul>\n");
		any = 1;
		batch_record(b, i, &rec);
		tk_out_puts(o, "<li>");
		put_title_link(o, &rec, i, bad);
		tk_out_puts(o, "</li>\n");
	}
	if (any)
		tk_out_puts(o, "</ul>\n</section>\n");
}

void
timetable_put(struct exporter *x, const struct batch *b)
{
	struct slot *s = tk_xcalloc(b->ntimed + 1, sizeof(*s));
	unsigned char *timed = tk_xcalloc(b->n + 1, 1);
	struct rooms r;
	struct tk_record rec;
	struct tk_repl bad = { 0, 0 };   /* said with the details */
	char buf[64];

	rooms_make(x, b, &r);
	for (size_t i = 0; i < b->ntimed; i++) {
		size_t row = b->timed[i];
		const struct tk_when *w = batch_when(b, row);
		const struct tk_str *room;
		s[i].row = row;
		s[i].start = batch_local(b, row, w->start, 0, buf, sizeof(buf));
		s[i].has_end = w->has_end;
		s[i].end = w->has_end ? batch_local(b, row, w->end, 0, buf,
		    sizeof(buf)) : s[i].start;
		s[i].day = floor_div(s[i].start, 86400);
		batch_record(b, row, &rec);
		room = &rec.f[TK_ROOM];
		s[i].room = r.rank[tk_groups_intern(r.g, export_blank(room) ?
		    "" : room->p, export_blank(room) ? 0 : room->n)];
		timed[row] = 1;
	}
	rooms_unused(x, &r, s, b->ntimed);
	qsort(s, b->ntimed, sizeof(*s), by_time);
	for (size_t i = 0, j; i < b->ntimed; i = j) {
		for (j = i; j < b->ntimed && s[j].day == s[i].day; j++)
			;
		put_day(x, b, s + i, j - i, &r, &bad);
	}
	put_unscheduled(x, b, timed, &bad);
	rooms_free(&r);
	free(s);
	free(timed);
}
