/* ag_parse.h - tokens -> syntactic words -> part-of-speech tags and a dependency tree.
 *
 * The syntactic stage between the tokenizer (ag_text.h) and the extractor. For one sentence it
 * gives every word a universal part-of-speech tag (UPOS), the treebank's fine tag (XPOS), a head
 * and a Universal Dependencies relation. Both models are averaged perceptrons (Collins 2002):
 *
 *   tagger  greedy left to right over word, affix, shape and context features;
 *   parser  greedy arc-hybrid transitions (shift, left-arc, right-arc, each arc with its label),
 *           trained with a dynamic oracle (Goldberg & Nivre 2012/2013) over the rich non-local
 *           features of Zhang & Nivre (2011): valencies, distances, second- and third-order
 *           children and their labels, label sets.
 *
 * The model (src/data/parser.model.gz, trained by `make model` from UD English EWT) is compiled into
 * the program, read in place and never changed, so one ag_parser may serve many threads, each with
 * its own ag_parse. Scores are integers, so a sentence gets the same tree on every run and machine.
 *
 * Tokens to words (ag_parse_tokens): UD splits some of our tokens into two syntactic words. A word
 * ending in the negation "n't" becomes the stem and "n't" ("don't" -> "do" "n't", "can't" -> "ca"
 * "n't", "won't" -> "wo" "n't"); "cannot" becomes "can" "not"; a clitic 're 've 'll 'd, and 'm
 * after "I", becomes its own word ("they're" -> "they" "'re", "I'm" -> "I" "'m"). The tokenizer's
 * 's token (a possessive, or "is"/"has" as in "it's") is already the word UD has; punctuation
 * and dotted acronyms ("U.S.") map one to one; a run of dots ("...") and of hyphens ("--")
 * becomes one word. Each word records the token it came from.
 */
#ifndef AG_PARSE_H
#define AG_PARSE_H

#include <stdint.h>

#include "ag_common.h"
#include "ag_text.h"

/* Universal part-of-speech tags (UD v2), in the order of the UD documentation. */
typedef enum ag_upos {
    AG_UPOS_ADJ, AG_UPOS_ADP, AG_UPOS_ADV, AG_UPOS_AUX, AG_UPOS_CCONJ, AG_UPOS_DET, AG_UPOS_INTJ,
    AG_UPOS_NOUN, AG_UPOS_NUM, AG_UPOS_PART, AG_UPOS_PRON, AG_UPOS_PROPN, AG_UPOS_PUNCT,
    AG_UPOS_SCONJ, AG_UPOS_SYM, AG_UPOS_VERB, AG_UPOS_X,
    AG_NUPOS
} ag_upos;

/* UD relations, with the English subtypes of UD EWT. AG_DEP_DEP also stands for a relation a
 * model was trained with that this list lacks (its name is still printed in CoNLL-U). */
typedef enum ag_deprel {
    AG_DEP_DEP, AG_DEP_ACL, AG_DEP_ACL_RELCL, AG_DEP_ADVCL, AG_DEP_ADVCL_RELCL, AG_DEP_ADVMOD,
    AG_DEP_AMOD, AG_DEP_APPOS, AG_DEP_AUX, AG_DEP_AUX_PASS, AG_DEP_CASE, AG_DEP_CC, AG_DEP_CC_PRECONJ,
    AG_DEP_CCOMP, AG_DEP_CLF, AG_DEP_COMPOUND, AG_DEP_COMPOUND_PRT, AG_DEP_CONJ, AG_DEP_COP,
    AG_DEP_CSUBJ, AG_DEP_CSUBJ_OUTER, AG_DEP_CSUBJ_PASS, AG_DEP_DET, AG_DEP_DET_PREDET,
    AG_DEP_DISCOURSE, AG_DEP_DISLOCATED, AG_DEP_EXPL, AG_DEP_FIXED, AG_DEP_FLAT, AG_DEP_GOESWITH,
    AG_DEP_IOBJ, AG_DEP_LIST, AG_DEP_MARK, AG_DEP_NMOD, AG_DEP_NMOD_DESC, AG_DEP_NMOD_POSS,
    AG_DEP_NMOD_UNMARKED, AG_DEP_NSUBJ, AG_DEP_NSUBJ_OUTER, AG_DEP_NSUBJ_PASS, AG_DEP_NUMMOD,
    AG_DEP_OBJ, AG_DEP_OBL, AG_DEP_OBL_AGENT, AG_DEP_OBL_UNMARKED, AG_DEP_ORPHAN, AG_DEP_PARATAXIS,
    AG_DEP_PUNCT, AG_DEP_REPARANDUM, AG_DEP_ROOT, AG_DEP_VOCATIVE, AG_DEP_XCOMP,
    AG_NDEPREL
} ag_deprel;

/* "NOUN", "nsubj:pass"... (static strings). */
const char *ag_upos_name(int upos);
const char *ag_deprel_name(int rel);
/* The tag or relation named s[0..n), or -1. */
int ag_upos_from_name(const char *s, size_t n);
int ag_deprel_from_name(const char *s, size_t n);

/* One syntactic word. */
typedef struct ag_word {
    const char *form;  /* as written (NUL-terminated, owned by the ag_parse) */
    uint32_t tok;      /* the ag_token it was read from (both words of a contraction share it);
                        * for words added with ag_parse_add, the index given there */
    uint32_t head;     /* 0 = the root of the sentence, else the 1-based index of the head word */
    uint16_t tag;      /* the model's fine tag: ag_parser_xpos() names it */
    uint8_t upos;      /* ag_upos */
    uint8_t rel;       /* ag_deprel of the arc from the head */
    uint8_t label;     /* the model's own label index: ag_parser_label() names it */
    bool space_after;  /* white space follows the word in the text */
    uint8_t want;      /* input, 0 by default: AG_UPOS_x + 1 makes the tagger give the word one of
                        * the fine tags of that UPOS (a name the caller knows is a PROPN) */
} ag_word;

/* A sentence's words and, once parsed, their tags and tree. Reusable: each fill resets it, so
 * the steady state allocates nothing. */
typedef struct ag_parse {
    ag_word *w;        /* w[1..n]; w[0] is a placeholder for the root */
    size_t n, cap;
    char *pool;        /* the words' forms */
    size_t pool_len, pool_cap;
    void *work;        /* the parser's scratch state, owned */
} ag_parse;

void ag_parse_init(ag_parse *s);
void ag_parse_destroy(ag_parse *s);
/* Removes every word. */
void ag_parse_clear(ag_parse *s);
/* Appends a word (form[0..len), copied) with no tag or head yet. */
ag_status ag_parse_add(ag_parse *s, const char *form, size_t len, uint32_t tok, bool space_after);

/* The model. */
typedef struct ag_parser ag_parser;

/* The model compiled into the program: shared, read-only, never freed. Fails only if the
 * embedded bytes are damaged. Cost: checks the header; no copy. */
ag_status ag_parser_builtin(const ag_parser **out, ag_err *err);
/* Reads a model file written by ag_parser_train (`accusegraph train`). Free with ag_parser_free. */
ag_status ag_parser_load(const char *path, ag_parser **out, ag_err *err);
/* A model over data[0..n) (copied). AG_ERR_INPUT if it is not a model of this version. */
ag_status ag_parser_from_memory(const void *data, size_t n, ag_parser **out, ag_err *err);
void ag_parser_free(ag_parser *p);

/* Where the model comes from (treebank, commit, licence, epochs), one line. */
const char *ag_parser_info(const ag_parser *p);
/* The model's fine tag t ("NN") and label l ("nsubj:pass") names. */
const char *ag_parser_xpos(const ag_parser *p, int t);
const char *ag_parser_label(const ag_parser *p, int l);

/* Tags and parses the words in s (added with ag_parse_add). Cost: linear in the words. */
ag_status ag_parser_run(const ag_parser *p, ag_parse *s);

/* Fills s with the words of the tokens t (of text[0..text_len), as ag_tokenize made them; see the
 * mapping above) and parses them. */
ag_status ag_parse_tokens(const ag_parser *p, const char *text, size_t text_len, const ag_tokens *t,
                          ag_parse *s);
/* The same, with want[i] (AG_UPOS_x + 1, or 0) the tag class the tagger must give token i's word
 * (a token that becomes two words constrains neither); want may be NULL. */
ag_status ag_parse_tokens_known(const ag_parser *p, const char *text, size_t text_len, const ag_tokens *t,
                                const uint8_t *want, ag_parse *s);
/* The same for the tokens from t->items[first] on (a dateline before them is no part of the
 * clause); the words keep the tokens' indexes. */
ag_status ag_parse_tokens_from(const ag_parser *p, const char *text, size_t text_len, const ag_tokens *t,
                               size_t first, const uint8_t *want, ag_parse *s);

/* Appends the sentence to b as CoNLL-U lines (ID FORM _ UPOS XPOS _ HEAD DEPREL _ MISC, with
 * SpaceAfter=No in MISC), then a blank line. The comment lines are the caller's. */
ag_status ag_parse_conllu(const ag_parser *p, const ag_parse *s, ag_buf *b);

/* True for a word that negates what it modifies ("not", "n't", "never", "no" as advmod/det). */
bool ag_word_negates(const ag_parse *s, size_t i);

/* ---- treebanks: CoNLL-U in, for evaluation and training ---- */

/* One gold word of a treebank sentence (multiword-token and empty-node lines are skipped). */
typedef struct ag_gold_word {
    const char *form, *upos, *xpos, *deprel; /* owned by the treebank */
    uint32_t head;
    bool space_after;
} ag_gold_word;

typedef struct ag_gold_sent {
    ag_gold_word *w;   /* w[0..n) */
    size_t n;
    size_t line;       /* line of the first word in the file */
    const char *sent_id, *text; /* from the comments, or "" */
} ag_gold_sent;

typedef struct ag_treebank {
    ag_gold_sent *s;
    size_t n;
    size_t words;
    void *mem;         /* owned storage */
} ag_treebank;

/* Reads a CoNLL-U file. A line with the wrong number of columns, a bad ID, a head out of range
 * or a cycle of heads is AG_ERR_INPUT with "FILE:LINE: ..."; a file that cannot be read AG_ERR_IO.
 * Cost: linear in the file. */
ag_status ag_treebank_read(const char *path, ag_treebank *tb, ag_err *err);
void ag_treebank_destroy(ag_treebank *tb);

/* Scores of a model on a treebank with gold tokenisation. UAS and LAS count every word,
 * punctuation included; LAS compares the universal part of the relation (as the CoNLL 2018
 * shared task's evaluation does), las_full the whole relation with its subtype. */
typedef struct ag_parse_scores {
    size_t sentences, words;
    double upos, xpos, uas, las, las_full;
    double uas_nopunct, las_nopunct; /* over the words whose gold UPOS is not PUNCT */
    double seconds;    /* tagging and parsing only */
} ag_parse_scores;

/* pred, if not NULL, receives the parses as CoNLL-U (with the gold file's sent_id and text). */
ag_status ag_parser_evaluate(const ag_parser *p, const ag_treebank *tb, ag_parse_scores *out, FILE *pred,
                             ag_err *err);

/* ---- training ---- */

typedef struct ag_train_opts {
    const char *train_path;   /* CoNLL-U to learn from */
    const char *dev_path;     /* CoNLL-U for choosing the number of iterations */
    int tagger_epochs;        /* the most iterations of the tagger (0: 12) */
    int parser_epochs;        /* the most iterations of the parser (0: 15) */
    int folds;                /* jackknife folds giving the parser predicted tags (0: 10; 1: gold tags) */
    int threads;              /* worker threads for the folds (0: 2) */
    uint64_t seed;            /* shuffling and exploration (0: a fixed default) */
    int tagger_min_count;     /* features seen fewer times per iteration are left out (0: 1) */
    int parser_min_count;     /* the same for the parser (0: 6) */
    double word_dropout;      /* a: a word seen f times reads as unknown with chance a/(a+f) (0: 0.25,
                               * negative: none) */
    const char *info;         /* provenance line stored in the model, or NULL */
    FILE *log;                /* progress, one line per iteration, or NULL */
} ag_train_opts;

/* Trains the tagger and the parser and appends the model's bytes to out (the format is
 * documented in src/parse_model.h). Deterministic: the same files and options give the same
 * bytes. Cost: about iterations x treebank words. */
ag_status ag_parser_train(const ag_train_opts *o, ag_buf *out, ag_err *err);

#endif
