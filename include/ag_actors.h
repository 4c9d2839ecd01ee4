/* ag_actors.h - mentions: phrase tables and the actor dictionary.
 *
 * A phrase table maps token sequences to values and finds the longest phrase starting at
 * a token in O(longest phrase) hash lookups. The actor dictionary is a phrase table over
 * the tokens' case-kept forms, filled from the built-in src/data/actors.tsv and from
 * --actors files in the same format:
 *
 *   pattern <TAB> kind <TAB> id <TAB> type <TAB> country <TAB> label <TAB> years
 *
 * kind: name | adj | people | person | org;  type: state | igo | org | person | group | ngo.
 * A row whose id is "-" or starts with "REGION-" names no actor: it only stops a shorter
 * pattern from matching inside a longer name ("West Ham", "Latin American").
 * Lines starting with # and blank lines are ignored. A later row with the same pattern
 * replaces an earlier one. Matching is case-sensitive, except that a pattern starting
 * with a lower-case letter also matches with that letter capitalised.
 */
#ifndef AG_ACTORS_H
#define AG_ACTORS_H

#include <stdint.h>

#include "ag_text.h"

typedef struct ag_phrases ag_phrases;

/* fold: match the tokens' lower-case forms (norm) instead of their case-kept forms (surf). */
ag_phrases *ag_phrases_new(bool fold);
void ag_phrases_free(ag_phrases *p);
/* Adds phrase (tokenised like text) -> value, replacing the value of an equal phrase. */
ag_status ag_phrases_add(ag_phrases *p, const char *phrase, uint32_t value);
/* Number of tokens of the longest phrase starting at token i (0 if none); *value set. */
size_t ag_phrases_match(const ag_phrases *p, const ag_tokens *t, size_t i, uint32_t *value);

typedef enum ag_actor_kind {
    AG_KIND_NAME,   /* Russia, Moscow, the Kremlin, NATO */
    AG_KIND_ADJ,    /* Russian, Dutch, Western */
    AG_KIND_PEOPLE, /* Russians, the Dutch */
    AG_KIND_PERSON, /* Vladimir Putin, Putin */
    AG_KIND_ORG     /* GRU, State Department */
} ag_actor_kind;

typedef struct ag_actor_entry {
    char *pattern, *id, *type, *country, *label, *years;
    ag_actor_kind kind;
} ag_actor_entry;

typedef struct ag_actors ag_actors;

/* A dictionary holding the built-in entries. */
ag_status ag_actors_new(ag_actors **out, ag_err *err);
void ag_actors_free(ag_actors *a);
/* Adds the rows of a TSV text; origin names it in messages ("FILE:LINE: ..."). */
ag_status ag_actors_load(ag_actors *a, const char *tsv, size_t n, const char *origin, ag_err *err);
ag_status ag_actors_load_file(ag_actors *a, const char *path, ag_err *err);
/* Longest dictionary match at token i: number of tokens (0 if none), *e set. */
size_t ag_actors_match(const ag_actors *a, const ag_tokens *t, size_t i, const ag_actor_entry **e);
size_t ag_actors_count(const ag_actors *a);
/* The first entry of the actor with this id (its rows share the label, type and country), or
 * NULL. Cost: linear in the dictionary. */
const ag_actor_entry *ag_actors_by_id(const ag_actors *a, const char *id);

#endif
