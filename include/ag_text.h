/* ag_text.h - text -> sentences -> tokens.
 *
 * Sentences are byte ranges of the document text. Tokens are byte ranges of a sentence
 * plus two normalised forms used for matching: `surf` (typographic quotes, apostrophes and
 * dashes mapped to ASCII, case kept) and `norm` (surf in ASCII lower case). The original
 * text is never modified, so reports quote it exactly.
 */
#ifndef AG_TEXT_H
#define AG_TEXT_H

#include <stdint.h>

#include "ag_common.h"

typedef struct ag_span {
    size_t start, end; /* [start, end) byte offsets */
} ag_span;

typedef struct ag_spans {
    ag_span *items;
    size_t len, cap;
} ag_spans;

void ag_spans_init(ag_spans *s);
void ag_spans_destroy(ag_spans *s);

/* Splits text[0..n) into sentences (appended to out, trimmed of white space): after . ! ?
 * (and closing quotes) followed by a capital, digit or quote, except after abbreviations
 * (Mr, Ms, Dr, Gen., Jan., No., initials) and inside dotted acronyms (U.S., U.N.) unless a
 * sentence starter follows; at blank lines; at line ends of headline-like lines (a title,
 * a caption, a dateline) unless the next line continues in lower case; a run of more than
 * AG_SENTENCE_MAX bytes with no sentence end is cut at the next white space. Cost: O(n). */
#define AG_SENTENCE_MAX 8192
ag_status ag_split_sentences(const char *text, size_t n, ag_spans *out);

typedef enum ag_tok_kind {
    AG_TOK_WORD,  /* letters, digits, internal apostrophes, dotted acronyms (U.S.) */
    AG_TOK_NUM,   /* starts with a digit */
    AG_TOK_PUNCT, /* one punctuation character: , . ; : ! ? ( ) - / ... */
    AG_TOK_QUOTE, /* a quotation mark, normalised to " or ' */
    AG_TOK_POSS   /* possessive 's or ' after a word */
} ag_tok_kind;

enum {
    AG_TF_CAP = 1,      /* first letter is upper case */
    AG_TF_UPPER = 2,    /* every letter is upper case (and there are at least two) */
    AG_TF_SPACE = 4,    /* white space precedes the token */
    AG_TF_NEWLINE = 8   /* a line break precedes the token */
};

typedef struct ag_token {
    uint32_t start, end;   /* byte offsets in the text passed to ag_tokenize */
    uint32_t surf, norm;   /* offsets of NUL-terminated strings in the tokens' string pool */
    uint16_t len;          /* length of surf/norm in bytes */
    uint8_t kind;          /* ag_tok_kind */
    uint8_t flags;         /* AG_TF_* */
} ag_token;

/* A reusable token array with its string pool; reset by each ag_tokenize call, so the
 * steady state allocates nothing per token. */
typedef struct ag_tokens {
    ag_token *items;
    size_t len, cap;
    char *pool;
    size_t pool_len, pool_cap;
} ag_tokens;

void ag_tokens_init(ag_tokens *t);
void ag_tokens_destroy(ag_tokens *t);

/* Tokenises text[start..end). Offsets in the tokens are absolute (into text). */
ag_status ag_tokenize(const char *text, size_t start, size_t end, ag_tokens *out);

static inline const char *ag_tok_surf(const ag_tokens *t, size_t i) { return t->pool + t->items[i].surf; }
static inline const char *ag_tok_norm(const ag_tokens *t, size_t i) { return t->pool + t->items[i].norm; }

#endif
