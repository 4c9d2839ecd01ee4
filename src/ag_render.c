/* ag_render.c - the accusation multigraph drawn with Graphviz (see ag_render.h).
 *
 * Steps: score and rank the actors (PageRank or in-strength), keep the top N, group
 * the accusations among them by (source, target, action), build a cgraph graph with
 * one node per kept actor and one edge per group, lay it out with a fixed seed and
 * render it. Graphviz keeps its own copies of every string we hand it.
 */
#include "ag_render.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#define FONT "DejaVu Sans" /* in fonts-dejavu-core, installed by scripts/install-deps.sh: the same metrics everywhere */
#define OTHER_COLOR "#7f7f7f"

/* Actions with their own colour, in legend order; anything else is drawn grey as "other". */
static const struct {
    const char *name, *color;
} action_colors[] = {
    {"accuse", "#d62728"},   {"criticize", "#f28e1c"}, {"complain", "#9467bd"},
    {"sue", "#8c564b"},      {"deny", "#1f77b4"},
};
#define NACTIONS (sizeof action_colors / sizeof action_colors[0])
#define ACTION_OTHER NACTIONS

/* Node fill by actor type, in legend order; unknown types use the last entry. */
static const struct {
    const char *name, *fill;
} type_fills[] = {
    {"state", "#c6dbef"}, {"igo", "#fee391"}, {"person", "#c7e9c0"},
    {"org", "#dadaeb"},   {"group", "#fcbba1"}, {"ngo", "#fdd0a2"}, {"other", "#e0e0e0"},
};
#define NTYPES (sizeof type_fills / sizeof type_fills[0])

static const char *const layouts[] = {"dot", "neato", "fdp", "sfdp", "circo"};

void ag_render_opts_init(ag_render_opts *o)
{
    o->format = AG_RENDER_SVG;
    o->size_by = AG_SIZE_PAGERANK;
    o->top = 40;
    o->layout = "sfdp";
    o->title = NULL;
}

ag_status ag_render_format_from_path(const char *path, ag_render_format *f, ag_err *err)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot && strcasecmp(dot, ".svg") == 0)
        *f = AG_RENDER_SVG;
    else if (dot && strcasecmp(dot, ".png") == 0)
        *f = AG_RENDER_PNG;
    else
        return ag_fail(err, AG_ERR_USAGE, "unknown picture format for '%s': use a .svg or .png file name",
                       path ? path : "");
    return AG_OK;
}

bool ag_render_layout_valid(const char *name)
{
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
        if (name && strcmp(name, layouts[i]) == 0)
            return true;
    return false;
}

ag_status ag_render_size_parse(const char *name, ag_render_size *s, ag_err *err)
{
    if (name && strcmp(name, "pagerank") == 0)
        *s = AG_SIZE_PAGERANK;
    else if (name && strcmp(name, "in-strength") == 0)
        *s = AG_SIZE_IN_STRENGTH;
    else
        return ag_fail(err, AG_ERR_USAGE, "unknown --size-by '%s': use pagerank or in-strength",
                       name ? name : "");
    return AG_OK;
}

/* ---- reading the igraph graph ---- */

/* Which of the attributes we use exist with the type we need. */
typedef struct attrs {
    bool v_label, v_id, v_type, v_country, e_action, e_date, e_weight, e_negated;
} attrs;

static void find_attr(const igraph_strvector_t *names, const igraph_vector_int_t *types,
                      const char *name, igraph_attribute_type_t want, bool *found)
{
    for (igraph_integer_t i = 0; i < igraph_strvector_size(names); i++)
        if (strcmp(igraph_strvector_get(names, i), name) == 0)
            *found = VECTOR(*types)[i] == (igraph_integer_t)want;
}

static ag_status list_attrs(const igraph_t *g, attrs *a, ag_err *err)
{
    igraph_strvector_t gn, vn, en;
    igraph_vector_int_t gt, vt, et;
    memset(a, 0, sizeof *a);
    if (igraph_strvector_init(&gn, 0) || igraph_strvector_init(&vn, 0) || igraph_strvector_init(&en, 0) ||
        igraph_vector_int_init(&gt, 0) || igraph_vector_int_init(&vt, 0) || igraph_vector_int_init(&et, 0))
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    ag_status st = AG_OK;
    if (igraph_cattribute_list(g, &gn, &gt, &vn, &vt, &en, &et) != IGRAPH_SUCCESS) {
        st = ag_fail(err, AG_ERR_INTERNAL, "cannot list the graph's attributes");
    } else {
        find_attr(&vn, &vt, "label", IGRAPH_ATTRIBUTE_STRING, &a->v_label);
        find_attr(&vn, &vt, "id", IGRAPH_ATTRIBUTE_STRING, &a->v_id);
        find_attr(&vn, &vt, "type", IGRAPH_ATTRIBUTE_STRING, &a->v_type);
        find_attr(&vn, &vt, "country", IGRAPH_ATTRIBUTE_STRING, &a->v_country);
        find_attr(&en, &et, "action", IGRAPH_ATTRIBUTE_STRING, &a->e_action);
        find_attr(&en, &et, "date", IGRAPH_ATTRIBUTE_STRING, &a->e_date);
        find_attr(&en, &et, "weight", IGRAPH_ATTRIBUTE_NUMERIC, &a->e_weight);
        find_attr(&en, &et, "negated", IGRAPH_ATTRIBUTE_BOOLEAN, &a->e_negated);
    }
    igraph_strvector_destroy(&gn);
    igraph_strvector_destroy(&vn);
    igraph_strvector_destroy(&en);
    igraph_vector_int_destroy(&gt);
    igraph_vector_int_destroy(&vt);
    igraph_vector_int_destroy(&et);
    return st;
}

typedef struct actor {
    igraph_integer_t v;
    double score, in_w, out_w;
    long rank; /* position in the ranking, 0 = first */
} actor;

/* A drawn edge: the accusations from one kept actor to another with one action. */
typedef struct group {
    long from, to; /* ranks */
    size_t action; /* index into action_colors, or ACTION_OTHER */
    const char *name;
    bool negated; /* drawn dashed: only in graphs built with --keep-negated */
    double count; /* accusations: the edges' weights (each edge of accusegraph's graphs has 1) */
    const char *first, *last; /* date range, "" if undated */
} group;

static double edge_weight(const igraph_t *g, const attrs *a, igraph_integer_t e)
{
    if (!a->e_weight)
        return 1;
    double w = EAN(g, "weight", e);
    return isfinite(w) && w > 0 ? w : 1;
}

static const char *vstr(const igraph_t *g, bool has, const char *name, igraph_integer_t v)
{
    const char *s = has ? VAS(g, name, v) : NULL;
    return s ? s : "";
}

static const char *estr(const igraph_t *g, bool has, const char *name, igraph_integer_t e)
{
    const char *s = has ? EAS(g, name, e) : NULL;
    return s ? s : "";
}

static size_t action_index(const char *name)
{
    for (size_t i = 0; i < NACTIONS; i++)
        if (strcmp(name, action_colors[i].name) == 0)
            return i;
    return ACTION_OTHER;
}

static const char *type_fill(const char *type)
{
    for (size_t i = 0; i < NTYPES - 1; i++)
        if (strcmp(type, type_fills[i].name) == 0)
            return type_fills[i].fill;
    return type_fills[NTYPES - 1].fill;
}

const char *ag_render_action_color(const char *action)
{
    size_t i = action_index(action ? action : "");
    return i < NACTIONS ? action_colors[i].color : OTHER_COLOR;
}

const char *ag_render_type_color(const char *type)
{
    return type_fill(type ? type : "");
}

static int cmp_actor(const void *pa, const void *pb)
{
    const actor *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->in_w != b->in_w)
        return a->in_w > b->in_w ? -1 : 1;
    if (a->out_w != b->out_w)
        return a->out_w > b->out_w ? -1 : 1;
    return a->v < b->v ? -1 : a->v > b->v;
}

static int cmp_group(const void *pa, const void *pb)
{
    const group *a = pa, *b = pb;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    if (a->action != b->action)
        return a->action < b->action ? -1 : 1;
    if (a->negated != b->negated)
        return a->negated ? 1 : -1;
    return strcmp(a->name, b->name);
}

/* Scores every vertex: PageRank on the multigraph or weighted in-strength. */
static ag_status score_actors(const igraph_t *g, const attrs *a, ag_render_size by, actor *act, ag_err *err)
{
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g);
    for (igraph_integer_t v = 0; v < n; v++)
        act[v] = (actor){.v = v};
    for (igraph_integer_t e = 0; e < m; e++) {
        double w = edge_weight(g, a, e);
        act[IGRAPH_FROM(g, e)].out_w += w;
        act[IGRAPH_TO(g, e)].in_w += w;
    }
    if (by == AG_SIZE_IN_STRENGTH) {
        for (igraph_integer_t v = 0; v < n; v++)
            act[v].score = act[v].in_w;
        return AG_OK;
    }
    igraph_vector_t pr;
    if (igraph_vector_init(&pr, 0))
        return ag_fail(err, AG_ERR_NOMEM, "out of memory");
    igraph_real_t value;
    if (igraph_pagerank(g, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, &value, igraph_vss_all(), true, 0.85, NULL,
                        NULL) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&pr);
        return ag_fail(err, AG_ERR_INTERNAL, "pagerank failed");
    }
    for (igraph_integer_t v = 0; v < n; v++)
        act[v].score = VECTOR(pr)[v];
    igraph_vector_destroy(&pr);
    return AG_OK;
}

/* ---- strings for Graphviz ---- */

/* Appends c (valid UTF-8) on one line for a Graphviz escString: TAB, CR and LF become spaces,
 * a backslash becomes `backslash`, and a line break "\\n" goes in at byte brk (0 = none). */
static ag_status put_escaped(ag_buf *b, const char *c, size_t brk, const char *backslash)
{
    ag_status st = AG_OK;
    for (size_t i = 0; c[i] && st == AG_OK; i++) {
        if (brk && i == brk)
            st = ag_buf_puts(b, "\\n");
        else if (c[i] == '\\')
            st = ag_buf_puts(b, backslash);
        else if (c[i] == '\n' || c[i] == '\r' || c[i] == '\t')
            st = ag_buf_putc(b, ' ');
        else
            st = ag_buf_putc(b, c[i]);
    }
    return st;
}

/* Appends s as a node label: valid UTF-8, backslashes doubled (Graphviz reads \N, \n,
 * \l as escapes in labels), and a line break at the space nearest the middle of a long
 * multi-word name. */
static ag_status put_label(ag_buf *b, const char *s)
{
    char *c = ag_utf8_clean(s, strlen(s), NULL);
    if (!c)
        return AG_ERR_NOMEM;
    size_t len = strlen(c), brk = 0;
    if (len > 16) {
        size_t best = len;
        for (size_t i = 1; i + 1 < len; i++)
            if (c[i] == ' ') {
                size_t d = i > len / 2 ? i - len / 2 : len / 2 - i;
                if (d < best) {
                    best = d;
                    brk = i;
                }
            }
    }
    ag_status st = put_escaped(b, c, brk, "\\\\");
    free(c);
    return st;
}

/* Appends s as tooltip text: valid UTF-8 on one line. Graphviz unescapes tooltips twice
 * (\\N in a tooltip still becomes the node name), so a backslash is written four times. */
static ag_status put_tooltip(ag_buf *b, const char *s)
{
    char *c = ag_utf8_clean(s, strlen(s), NULL);
    if (!c)
        return AG_ERR_NOMEM;
    ag_status st = put_escaped(b, c, 0, "\\\\\\\\");
    free(c);
    return st;
}

/* Appends s escaped for an HTML-like label. */
static ag_status put_html(ag_buf *b, const char *s)
{
    char *c = ag_utf8_clean(s, strlen(s), NULL);
    if (!c)
        return AG_ERR_NOMEM;
    ag_status st = AG_OK;
    for (size_t i = 0; c[i] && st == AG_OK; i++) {
        switch (c[i]) {
        case '&': st = ag_buf_puts(b, "&amp;"); break;
        case '<': st = ag_buf_puts(b, "&lt;"); break;
        case '>': st = ag_buf_puts(b, "&gt;"); break;
        case '"': st = ag_buf_puts(b, "&quot;"); break;
        case '\n': case '\r': case '\t': st = ag_buf_putc(b, ' '); break;
        default: st = ag_buf_putc(b, c[i]);
        }
    }
    free(c);
    return st;
}

/* Sets attribute name of obj to value (declared on first use with default ""). */
static void set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, "");
}

static void setf(void *obj, const char *name, const char *fmt, double x)
{
    char num[64];
    snprintf(num, sizeof num, fmt, x);
    set(obj, name, num);
}

/* Graphviz reports errors through a callback; keep the first line for our message. */
static char gv_msg[256];

static int gv_error(char *msg)
{
    if (!gv_msg[0] && msg) {
        snprintf(gv_msg, sizeof gv_msg, "%s", msg);
        gv_msg[strcspn(gv_msg, "\n")] = '\0';
    }
    return 0;
}

/* ---- the picture ---- */

typedef struct summary {
    long actors, drawn;
    double accusations, drawn_accusations, negated; /* by weight, as everywhere */
    double per_action[NACTIONS + 1];
    bool type_seen[NTYPES];
    const char *first, *last;
} summary;

static void date_range(const char *d, const char **first, const char **last)
{
    if (!d[0])
        return;
    if (!*first || strcmp(d, *first) < 0)
        *first = d;
    if (!*last || strcmp(d, *last) > 0)
        *last = d;
}

/* The legend under the drawing, one line each: title; counts and dates; the action
 * colours; the actor types; what sizes mean and how many actors were left out. Lines
 * of text rather than nested tables, which Graphviz would stretch to the widest line. */
static ag_status legend(ag_buf *b, const ag_render_opts *o, const summary *s)
{
    ag_status st = ag_buf_puts(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">"
                                  "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>");
    st = st ? st : put_html(b, o->title ? o->title : "Accusation network");
    st = st ? st : ag_buf_puts(b, "</B></FONT></TD></TR><TR><TD ALIGN=\"LEFT\">");
    if (s->accusations == 0)
        return st ? st : ag_buf_puts(b, "no accusations</TD></TR></TABLE>");
    st = st ? st : ag_buf_printf(b, "%.15g accusation%s among %ld actors", s->accusations,
                                 s->accusations == 1 ? "" : "s", s->actors);
    if (s->first && !st) {
        st = ag_buf_puts(b, ", ");
        st = st ? st : put_html(b, s->first);
        if (!st && strcmp(s->first, s->last) != 0) {
            st = ag_buf_puts(b, " to ");
            st = st ? st : put_html(b, s->last);
        }
    }
    st = st ? st : ag_buf_puts(b, "</TD></TR><TR><TD ALIGN=\"LEFT\">");
    for (size_t i = 0; i <= NACTIONS && !st; i++)
        if (s->per_action[i])
            st = ag_buf_printf(b, "<FONT COLOR=\"%s\" POINT-SIZE=\"16\">\u25AC</FONT> %s %.15g    ",
                               i < NACTIONS ? action_colors[i].color : OTHER_COLOR,
                               i < NACTIONS ? action_colors[i].name : "other", s->per_action[i]);
    st = st ? st : ag_buf_puts(b, "</TD></TR><TR><TD ALIGN=\"LEFT\">");
    for (size_t i = 0; i < NTYPES && !st; i++)
        if (s->type_seen[i])
            st = ag_buf_printf(b, "<FONT COLOR=\"%s\" POINT-SIZE=\"17\">\u25CF</FONT> %s    ",
                               type_fills[i].fill, type_fills[i].name);
    st = st ? st : ag_buf_printf(b, "</TD></TR><TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">"
                                    "<FONT POINT-SIZE=\"11\" COLOR=\"#444444\">node size: %s; edge width and "
                                    "number: accusations with that action",
                                 o->size_by == AG_SIZE_PAGERANK ? "PageRank" : "accusations received");
    if (!st && s->negated)
        st = ag_buf_puts(b, "; dashed: negated");
    if (!st && s->drawn < s->actors)
        st = ag_buf_printf(b, "<BR/>showing the top %ld of %ld actors: %ld left out, "
                              "with %.15g accusation%s not drawn",
                           s->drawn, s->actors, s->actors - s->drawn, s->accusations - s->drawn_accusations,
                           s->accusations - s->drawn_accusations == 1 ? "" : "s");
    st = st ? st : ag_buf_puts(b, "</FONT></TD></TR></TABLE>");
    return st;
}

/* Everything one drawing needs, filled step by step by the functions below. */
typedef struct picture {
    const igraph_t *g;
    const attrs *a;
    const ag_render_opts *o;
    actor *act;     /* all vertices, best first */
    long *rank_of;  /* vertex -> position in act */
    long keep;      /* the first keep actors are drawn */
    group *grp;     /* drawn edges */
    size_t ngroups;
    summary s;
    Agraph_t *G;
    Agnode_t **node; /* by rank */
    ag_buf b;        /* scratch for attribute strings */
} picture;

/* Scores and ranks the actors and decides how many are drawn. */
static ag_status rank_actors(picture *p, ag_err *err)
{
    igraph_integer_t n = igraph_vcount(p->g);
    ag_status st = score_actors(p->g, p->a, p->o->size_by, p->act, err);
    if (st != AG_OK)
        return st;
    qsort(p->act, (size_t)n, sizeof *p->act, cmp_actor);
    for (long r = 0; r < (long)n; r++) {
        p->act[r].rank = r;
        p->rank_of[p->act[r].v] = r;
    }
    p->keep = p->o->top > 0 && p->o->top < (long)n ? p->o->top : (long)n;
    p->s.actors = (long)n;
    p->s.drawn = p->keep;
    return AG_OK;
}

/* Counts every accusation for the legend and merges those among drawn actors into
 * one group per (source, target, action), in a deterministic order. */
static void group_edges(picture *p)
{
    const igraph_t *g = p->g;
    igraph_integer_t m = igraph_ecount(g);
    size_t ng = 0;
    p->s.accusations = 0;
    for (igraph_integer_t e = 0; e < m; e++) {
        double w = edge_weight(g, p->a, e);
        p->s.accusations += w;
        const char *name = estr(g, p->a->e_action, "action", e);
        const char *date = estr(g, p->a->e_date, "date", e);
        size_t ai = action_index(name);
        p->s.per_action[ai] += w;
        date_range(date, &p->s.first, &p->s.last);
        long from = p->rank_of[IGRAPH_FROM(g, e)], to = p->rank_of[IGRAPH_TO(g, e)];
        if (from >= p->keep || to >= p->keep)
            continue;
        bool negated = p->a->e_negated && EAB(g, "negated", e);
        p->s.drawn_accusations += w;
        p->s.negated += negated ? w : 0;
        p->grp[ng++] = (group){.from = from, .to = to, .action = ai, .name = name, .negated = negated,
                               .count = w, .first = date, .last = date};
    }
    qsort(p->grp, ng, sizeof *p->grp, cmp_group);
    size_t nm = 0;
    for (size_t i = 0; i < ng; i++) {
        if (nm && cmp_group(&p->grp[nm - 1], &p->grp[i]) == 0) {
            group *t = &p->grp[nm - 1];
            const char *f = t->first[0] ? t->first : NULL, *l = t->last[0] ? t->last : NULL;
            date_range(p->grp[i].first, &f, &l);
            t->first = f ? f : "";
            t->last = l ? l : "";
            t->count += p->grp[i].count;
        } else {
            p->grp[nm++] = p->grp[i];
        }
    }
    p->ngroups = nm;
}

/* Graph-wide and default attributes. The seed ("start") makes the layout repeatable. */
static void picture_defaults(Agraph_t *G, const ag_render_opts *o, const char *engine, long drawn)
{
    set(G, "fontname", FONT);
    set(G, "fontsize", "13");
    set(G, "labelloc", "b");
    set(G, "labeljust", "l");
    set(G, "bgcolor", "white");
    set(G, "pad", "0.3");
    set(G, "start", "1");
    set(G, "overlap", "false");
    /* curved edges around nodes read best but cost O(n^2) or worse: straight lines for big pictures */
    set(G, "splines", drawn <= 150 ? "true" : "line");
    set(G, "sep", "+24");
    set(G, "esep", "+6");
    set(G, "outputorder", "edgesfirst");
    if (strcmp(engine, "dot") != 0) /* dot drops edge labels when packing */
        set(G, "pack", "true");
    set(G, "K", "0.9"); /* sfdp and fdp: ideal edge length, in inches */
    if (o->format == AG_RENDER_PNG)
        set(G, "dpi", "110");
    agattr(G, AGNODE, "fontname", FONT);
    agattr(G, AGNODE, "shape", "ellipse");
    agattr(G, AGNODE, "style", "filled");
    agattr(G, AGNODE, "color", "#4d4d4d");
    agattr(G, AGNODE, "margin", "0.06,0.03");
    agattr(G, AGEDGE, "fontname", FONT);
    agattr(G, AGEDGE, "fontsize", "11");
}

/* Hover text of an actor: name (type, country): how often it accused and was accused. */
static ag_status node_tooltip(picture *p, const actor *ac, const char *label, const char *type)
{
    ag_buf *b = &p->b;
    const char *country = vstr(p->g, p->a->v_country, "country", ac->v);
    ag_buf_clear(b);
    ag_status st = put_tooltip(b, label);
    if (!st && (type[0] || country[0])) {
        st = ag_buf_puts(b, " (");
        st = st ? st : put_tooltip(b, type);
        st = st ? st : ag_buf_puts(b, type[0] && country[0] ? ", " : "");
        st = st ? st : put_tooltip(b, country);
        st = st ? st : ag_buf_puts(b, ")");
    }
    st = st ? st : ag_buf_printf(b, ": made %g accusations, received %g", ac->out_w, ac->in_w);
    if (!st && p->o->size_by == AG_SIZE_PAGERANK)
        st = ag_buf_printf(b, "; PageRank %.4f", ac->score);
    return st;
}

/* One node per drawn actor: size, font and border grow with the square root of its
 * score relative to the best one; fill by type. */
static ag_status add_nodes(picture *p, ag_err *err)
{
    double top_score = p->keep > 0 && p->act[0].score > 0 ? p->act[0].score : 1;
    for (long r = 0; r < p->keep; r++) {
        const actor *ac = &p->act[r];
        char name[32];
        snprintf(name, sizeof name, "a%ld", r);
        Agnode_t *nd = p->node[r] = agnode(p->G, name, 1);
        if (!nd)
            return ag_fail(err, AG_ERR_INTERNAL, "graphviz cannot create a node");
        const char *label = vstr(p->g, p->a->v_label, "label", ac->v);
        if (!label[0])
            label = vstr(p->g, p->a->v_id, "id", ac->v);
        char number[32]; /* the last resort: the vertex index */
        snprintf(number, sizeof number, "%ld", (long)ac->v);
        if (!label[0])
            label = number;
        const char *type = vstr(p->g, p->a->v_type, "type", ac->v);
        for (size_t i = 0; i < NTYPES; i++)
            if (strcmp(type_fill(type), type_fills[i].fill) == 0)
                p->s.type_seen[i] = true;

        ag_buf_clear(&p->b);
        ag_status st = put_label(&p->b, label);
        if (st)
            return ag_fail(err, st, "out of memory");
        set(nd, "label", p->b.data);
        if ((st = node_tooltip(p, ac, label, type)) != AG_OK)
            return ag_fail(err, st, "out of memory");
        set(nd, "tooltip", p->b.data);
        set(nd, "fillcolor", type_fill(type));
        double t = sqrt(ac->score > 0 ? ac->score / top_score : 0);
        setf(nd, "fontsize", "%.1f", 11 + 3 * t);
        setf(nd, "height", "%.2f", 0.3 + 0.6 * t);
        setf(nd, "width", "%.2f", 0.6 + 1.0 * t);
        setf(nd, "penwidth", "%.1f", 0.8 + 1.2 * t);
    }
    return AG_OK;
}

/* One edge per group: colour by action, width 1 + 1.5 log2(count) (at most 12), the count on a
 * white label when above one, and "action x count, dates" as hover text. */
static ag_status add_edges(picture *p, ag_err *err)
{
    for (size_t i = 0; i < p->ngroups; i++) {
        const group *gr = &p->grp[i];
        Agedge_t *e = agedge(p->G, p->node[gr->from], p->node[gr->to], NULL, 1);
        if (!e)
            return ag_fail(err, AG_ERR_INTERNAL, "graphviz cannot create an edge");
        const char *color = gr->action < NACTIONS ? action_colors[gr->action].color : OTHER_COLOR;
        set(e, "color", color);
        set(e, "fontcolor", color);
        if (gr->negated)
            set(e, "style", "dashed");
        setf(e, "penwidth", "%.2f", fmin(12, 1 + 1.5 * log2(fmax(1, gr->count))));
        setf(e, "arrowsize", "%.2f", 0.7 + 0.1 * log2(fmax(1, gr->count)));
        if (gr->count != 1) {
            char lab[160];
            snprintf(lab, sizeof lab, "<TABLE BORDER=\"0\" CELLPADDING=\"1\" BGCOLOR=\"white\"><TR><TD>"
                                      "<B>%.15g</B></TD></TR></TABLE>", gr->count);
            char *html = agstrdup_html(p->G, lab);
            if (!html)
                return ag_fail(err, AG_ERR_NOMEM, "out of memory");
            set(e, "label", html);
            agstrfree(p->G, html);
        }
        ag_buf *b = &p->b;
        ag_buf_clear(b);
        ag_status st = put_tooltip(b, gr->name[0] ? gr->name : "other");
        st = st ? st : ag_buf_printf(b, "%s x %.15g", gr->negated ? " (negated)" : "", gr->count);
        if (!st && gr->first[0]) {
            st = ag_buf_puts(b, ", ");
            st = st ? st : put_tooltip(b, gr->first);
            if (!st && strcmp(gr->first, gr->last) != 0) {
                st = ag_buf_puts(b, " to ");
                st = st ? st : put_tooltip(b, gr->last);
            }
        }
        if (st)
            return ag_fail(err, st, "out of memory");
        set(e, "tooltip", b->data);
    }
    return AG_OK;
}

/* Builds the cgraph graph for g into *out (to be agclose'd by the caller). */
static ag_status build_picture(const igraph_t *g, const attrs *a, const ag_render_opts *o, const char *engine,
                               Agraph_t **out, ag_err *err)
{
    size_t n = (size_t)igraph_vcount(g), m = (size_t)igraph_ecount(g);
    picture p = {.g = g, .a = a, .o = o};
    p.act = calloc(n + 1, sizeof *p.act);
    p.rank_of = calloc(n + 1, sizeof *p.rank_of);
    p.grp = calloc(m + 1, sizeof *p.grp);
    p.node = calloc(n + 1, sizeof *p.node);
    ag_buf_init(&p.b);
    ag_status st = AG_OK;
    if (!p.act || !p.rank_of || !p.grp || !p.node) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    if ((st = rank_actors(&p, err)) != AG_OK)
        goto cleanup;
    group_edges(&p);
    if (!(p.G = agopen("accusations", Agdirected, NULL))) {
        st = ag_fail(err, AG_ERR_INTERNAL, "graphviz cannot create a graph");
        goto cleanup;
    }
    picture_defaults(p.G, o, engine, p.keep);
    if ((st = add_nodes(&p, err)) != AG_OK || (st = add_edges(&p, err)) != AG_OK)
        goto cleanup;
    ag_buf_clear(&p.b);
    if ((st = legend(&p.b, o, &p.s)) != AG_OK) {
        st = ag_fail(err, st, "out of memory");
        goto cleanup;
    }
    char *html = agstrdup_html(p.G, p.b.data);
    if (!html) {
        st = ag_fail(err, AG_ERR_NOMEM, "out of memory");
        goto cleanup;
    }
    agattr(p.G, AGRAPH, "label", html);
    agstrfree(p.G, html);
    *out = p.G;
    p.G = NULL;

cleanup:
    if (p.G)
        agclose(p.G);
    ag_buf_destroy(&p.b);
    free(p.act);
    free(p.rank_of);
    free(p.grp);
    free(p.node);
    return st;
}

ag_status ag_render(const igraph_t *g, const ag_render_opts *o, FILE *fp, ag_err *err)
{
    ag_render_opts def;
    if (!o) {
        ag_render_opts_init(&def);
        o = &def;
    }
    const char *engine = o->layout ? o->layout : "sfdp";
    if (!ag_render_layout_valid(engine))
        return ag_fail(err, AG_ERR_USAGE, "unknown layout '%s': use dot, neato, fdp, sfdp or circo", engine);
    attrs a;
    ag_status st = list_attrs(g, &a, err);
    if (st != AG_OK)
        return st;

    gv_msg[0] = '\0';
    agusererrf prev_f = agseterrf(gv_error);
    agerrlevel_t prev_l = agseterr(AGERR);
    Agraph_t *G = NULL;
    GVC_t *gvc = gvContext();
    if (!gvc) {
        st = ag_fail(err, AG_ERR_INTERNAL, "cannot start graphviz");
        goto cleanup;
    }
    if ((st = build_picture(g, &a, o, engine, &G, err)) != AG_OK)
        goto cleanup;
    /* Graphviz's force-directed layouts draw from rand() besides the drand48() that "start"
     * seeds, so rand() is reset to its state at program start: libraries that ran before (such
     * as libxlsxwriter, which calls srand with the time) must not move the picture */
    srand(1);
    if (gvLayout(gvc, G, engine) != 0) {
        st = ag_fail(err, AG_ERR_INTERNAL, "graphviz layout '%s' failed%s%s", engine, gv_msg[0] ? ": " : "",
                     gv_msg);
        goto cleanup;
    }
    const char *fmt = o->format == AG_RENDER_PNG ? "png" : "svg";
    /* Rendered into memory and written here: Graphviz ends the process (exit 1, no message) on a
     * short write of its own, so a full disk must meet our write, which says so. */
    char *data = NULL;
    unsigned int len = 0;
    int rc = gvRenderData(gvc, G, fmt, &data, &len);
    gvFreeLayout(gvc, G);
    if (rc != 0 || (!data && len)) {
        if (data)
            gvFreeRenderData(data);
        st = ag_fail(err, AG_ERR_INTERNAL, "graphviz cannot render %s%s%s", fmt, gv_msg[0] ? ": " : "", gv_msg);
        goto cleanup;
    }
    if (len == 0) {
        /* a picture Graphviz could not make (a bitmap too large for cairo): no empty file */
        if (data)
            gvFreeRenderData(data);
        st = ag_fail(err, AG_ERR_INTERNAL, "graphviz made an empty %s%s%s", fmt, gv_msg[0] ? ": " : "", gv_msg);
        goto cleanup;
    }
    errno = 0;
    if (fwrite(data, 1, len, fp) != len || fflush(fp) != 0 || ferror(fp))
        st = ag_fail(err, AG_ERR_IO, "cannot write the picture: %s", strerror(errno ? errno : EIO));
    gvFreeRenderData(data);

cleanup:
    if (G)
        agclose(G);
    if (gvc)
        gvFreeContext(gvc);
    agseterr(prev_l);
    agseterrf(prev_f);
    return st;
}

ag_status ag_render_file(const igraph_t *g, const ag_render_opts *o, const char *path, ag_err *err)
{
    ag_out out;
    ag_status st = ag_out_open(&out, path, err);
    if (st != AG_OK)
        return st;
    if ((st = ag_render(g, o, out.fp, err)) != AG_OK) {
        if (st == AG_ERR_IO && path && strcmp(path, "-") != 0 && !strstr(err->msg, path)) {
            /* a full disk: name the file ("cannot write the picture graphs/x.svg: ...") */
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            ag_fail(err, AG_ERR_IO, "%s (writing %s)", msg, path);
        }
        ag_out_abort(&out);
        return st;
    }
    return ag_out_commit(&out, err);
}
