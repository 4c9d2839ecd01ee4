/* cli_parse.c - `accusegraph parse` (news text -> CoNLL-U, or scores on a gold treebank) and
 * `accusegraph train` (a treebank -> a parser model). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accusegraph.h"
#include "ag_parse.h"
#include "cli.h"

static const char parse_usage[] =
    "usage: accusegraph parse [OPTIONS] INPUT...\n"
    "       accusegraph parse --eval GOLD.conllu [--model FILE] [--parses FILE]\n"
    "\n"
    "Splits documents into sentences and words and writes each sentence's part-of-speech tags and\n"
    "dependency tree as CoNLL-U: '# doc_id', '# sent_id' and '# text' comments, then one line per\n"
    "word: ID FORM _ UPOS XPOS _ HEAD DEPREL _ MISC (SpaceAfter=No). INPUT is what 'extract' reads:\n"
    ".txt files, .jsonl or .csv files, directories, or -.\n"
    "\n"
    "With --eval, parses the words of a gold CoNLL-U file (its own tokenisation; multiword-token\n"
    "and empty-node lines skipped) and prints, as the last line, one JSON object:\n"
    "  {\"sentences\":N,\"tokens\":N,\"upos\":F,\"uas\":F,\"las\":F,\"tokens_per_s\":F,\"xpos\":F,\"las_full\":F,\n"
    "   \"uas_nopunct\":F,\"las_nopunct\":F,\"model_load_s\":F}\n"
    "tokens counts the words of the basic tree (a contraction's two words count two). UAS and\n"
    "LAS count every word, punctuation included. LAS compares the universal relation\n"
    "(nsubj for nsubj:pass), as the CoNLL 2018 shared task's evaluation does; las_full compares the\n"
    "whole relation with its subtype; the _nopunct scores leave out the words whose gold UPOS is\n"
    "PUNCT. tokens_per_s counts tagging and parsing time only; model_load_s is the model's opening.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
    "      --eval GOLD        score the model on a gold CoNLL-U file\n"
    "      --model FILE       use a model written by 'accusegraph train' instead of the built-in one\n"
    "      --parses FILE      with --eval: also write the parses of the gold file's words as CoNLL-U\n"
    "      --skip-bad         skip malformed JSON lines and CSV rows (counted) instead of failing\n"
    "      --text-column N    CSV/JSONL field holding the text (default: text, content, body, ...)\n"
    "      --title-column N   field holding the title (default: title)\n"
    "      --id-column N      field holding the document id (default: id, url)\n"
    "  -q, --quiet            no summary on standard error\n"
    "  -h, --help             show this help\n"
    "\n"
    "exit codes: 0 ok, 1 malformed input, 2 bad usage, 3 file error, 4 internal error\n";

/* Opens --model FILE, or the built-in model; *owned is what to free. */
static ag_status open_model(const char *path, const ag_parser **p, ag_parser **owned, ag_err *err)
{
    *owned = NULL;
    if (!path)
        return ag_parser_builtin(p, err);
    ag_status st = ag_parser_load(path, owned, err);
    *p = *owned;
    return st;
}

static int parse_eval(const char *gold, const char *model, const char *output, const char *conllu, bool quiet)
{
    ag_err err = {{0}};
    ag_treebank tb;
    const ag_parser *p;
    ag_parser *owned = NULL;
    memset(&tb, 0, sizeof tb);
    double t0 = ag_seconds();
    ag_status st = open_model(model, &p, &owned, &err);
    double load = ag_seconds() - t0;
    if (st == AG_OK)
        st = ag_treebank_read(gold, &tb, &err);
    ag_parse_scores sc = {0};
    ag_out pred = {0};
    if (st == AG_OK && conllu && (st = ag_out_open(&pred, conllu, &err)) == AG_OK) {
        if ((st = ag_parser_evaluate(p, &tb, &sc, pred.fp, &err)) == AG_OK)
            st = ag_out_commit(&pred, &err);
        else
            ag_out_abort(&pred);
    } else if (st == AG_OK) {
        st = ag_parser_evaluate(p, &tb, &sc, NULL, &err);
    }
    ag_out out = {0};
    if (st == AG_OK && (st = ag_out_open(&out, output, &err)) == AG_OK) {
        if (!quiet)
            fprintf(stderr, "accusegraph: parse: %s: %zu sentences, %zu words: UPOS %.4f, UAS %.4f, LAS %.4f "
                            "(with subtypes %.4f), %.0f words/s; model loaded in %.3f s\n",
                    gold, sc.sentences, sc.words, sc.upos, sc.uas, sc.las, sc.las_full,
                    sc.seconds > 0 ? (double)sc.words / sc.seconds : 0.0, load);
        fprintf(out.fp,
                "{\"sentences\":%zu,\"tokens\":%zu,\"upos\":%.4f,\"uas\":%.4f,\"las\":%.4f,\"tokens_per_s\":%.0f,"
                "\"xpos\":%.4f,\"las_full\":%.4f,\"uas_nopunct\":%.4f,\"las_nopunct\":%.4f,\"model_load_s\":%.4f}\n",
                sc.sentences, sc.words, sc.upos, sc.uas, sc.las,
                sc.seconds > 0 ? (double)sc.words / sc.seconds : 0.0, sc.xpos, sc.las_full, sc.uas_nopunct,
                sc.las_nopunct, load);
        st = ag_out_commit(&out, &err);
    }
    ag_treebank_destroy(&tb);
    ag_parser_free(owned);
    return st == AG_OK ? 0 : ag_cli_error(st, &err);
}

/* Writes the sentence text on one line: line breaks inside it become spaces. */
static ag_status put_text_comment(ag_buf *b, const char *s, size_t n)
{
    if (ag_buf_puts(b, "# text = ") != AG_OK)
        return AG_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        if (ag_buf_putc(b, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]) != AG_OK)
            return AG_ERR_NOMEM;
    return ag_buf_putc(b, '\n');
}

int ag_cmd_parse(int argc, char **argv)
{
    enum { O_EVAL = 256, O_MODEL, O_CONLLU, O_SKIP, O_TEXT, O_TITLE, O_ID };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},    {"eval", required_argument, NULL, O_EVAL},
        {"model", required_argument, NULL, O_MODEL}, {"parses", required_argument, NULL, O_CONLLU},
        {"skip-bad", no_argument, NULL, O_SKIP},
        {"text-column", required_argument, NULL, O_TEXT}, {"title-column", required_argument, NULL, O_TITLE},
        {"id-column", required_argument, NULL, O_ID}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0}};
    const char *output = NULL, *gold = NULL, *model = NULL, *conllu = NULL;
    bool quiet = false;
    ag_doc_opts dopts;
    memset(&dopts, 0, sizeof dopts);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case O_EVAL: gold = optarg; break;
        case O_MODEL: model = optarg; break;
        case O_CONLLU: conllu = optarg; break;
        case O_SKIP: dopts.skip_bad = true; break;
        case O_TEXT: dopts.text_column = optarg; break;
        case O_TITLE: dopts.title_column = optarg; break;
        case O_ID: dopts.id_column = optarg; break;
        case 'q': quiet = true; break;
        case 'h': fputs(parse_usage, stdout); return 0;
        case ':':
            fprintf(stderr, "accusegraph: parse: option '%s' needs a value\n", argv[optind - 1]);
            return 2;
        default:
            fprintf(stderr, "accusegraph: parse: unknown option '%s' (see 'accusegraph parse --help')\n",
                    argv[optind - 1]);
            return 2;
        }
    }
    if (gold) {
        if (optind < argc) {
            fprintf(stderr, "accusegraph: parse: --eval reads the gold file only, not '%s'\n", argv[optind]);
            return 2;
        }
        return parse_eval(gold, model, output, conllu, quiet);
    }
    if (optind >= argc) {
        fprintf(stderr, "accusegraph: parse: no input (see 'accusegraph parse --help')\n");
        return 2;
    }

    ag_err err = {{0}};
    const ag_parser *p;
    ag_parser *owned = NULL;
    ag_doc_reader *r = NULL;
    ag_out out = {0};
    bool out_open = false;
    ag_spans sents;
    ag_tokens toks;
    ag_parse ps;
    ag_buf b;
    ag_spans_init(&sents);
    ag_tokens_init(&toks);
    ag_parse_init(&ps);
    ag_buf_init(&b);
    size_t nsent = 0, nwords = 0;
    ag_status st = ag_doc_reader_new(argv + optind, (size_t)(argc - optind), &dopts, &r, &err);
    if (st == AG_OK)
        st = open_model(model, &p, &owned, &err);
    if (st == AG_OK && (st = ag_out_open(&out, output, &err)) == AG_OK)
        out_open = true;
    while (st == AG_OK) {
        ag_doc doc;
        bool done;
        if ((st = ag_doc_reader_next(r, &doc, &done, &err)) != AG_OK || done)
            break;
        sents.len = 0;
        if (ag_split_sentences(doc.text, doc.text_len, &sents) != AG_OK)
            st = AG_ERR_NOMEM;
        for (size_t i = 0; st == AG_OK && i < sents.len; i++) {
            const ag_span *sp = &sents.items[i];
            ag_buf_clear(&b);
            if (ag_tokenize(doc.text, sp->start, sp->end, &toks) != AG_OK ||
                ag_parse_tokens(p, doc.text, doc.text_len, &toks, &ps) != AG_OK ||
                ag_buf_printf(&b, "# doc_id = %s\n# sent_id = %s-%zu\n", doc.id, doc.id, i + 1) != AG_OK ||
                put_text_comment(&b, doc.text + sp->start, sp->end - sp->start) != AG_OK ||
                ag_parse_conllu(p, &ps, &b) != AG_OK) {
                st = AG_ERR_NOMEM;
                break;
            }
            nsent++;
            nwords += ps.n;
            if (fwrite(b.data, 1, b.len, out.fp) != b.len)
                st = ag_fail(&err, AG_ERR_IO, "cannot write %s", output ? output : "standard output");
        }
        if (st == AG_ERR_NOMEM)
            ag_fail(&err, st, "out of memory");
        ag_doc_destroy(&doc);
    }
    if (st == AG_OK) {
        st = ag_out_commit(&out, &err);
        out_open = false;
    }
    if (st == AG_OK && !quiet)
        fprintf(stderr, "accusegraph: parse: %zu document%s, %zu sentence%s, %zu word%s\n",
                ag_doc_reader_stats(r)->docs, ag_doc_reader_stats(r)->docs == 1 ? "" : "s", nsent,
                nsent == 1 ? "" : "s", nwords, nwords == 1 ? "" : "s");
    if (out_open)
        ag_out_abort(&out);
    ag_doc_reader_free(r);
    ag_parser_free(owned);
    ag_spans_destroy(&sents);
    ag_tokens_destroy(&toks);
    ag_parse_destroy(&ps);
    ag_buf_destroy(&b);
    return st == AG_OK ? 0 : ag_cli_error(st, &err);
}

static const char train_usage[] =
    "usage: accusegraph train --train TRAIN.conllu --dev DEV.conllu -o MODEL [OPTIONS]\n"
    "\n"
    "Trains the part-of-speech tagger and the dependency parser (averaged perceptrons; the parser\n"
    "greedy arc-hybrid with a dynamic oracle) on a CoNLL-U treebank and writes the model. The\n"
    "number of iterations of each is chosen on DEV. The same files and options give the same\n"
    "model, byte for byte. 'make model' runs this on UD English EWT into src/data/parser.model.gz.\n"
    "\n"
    "options:\n"
    "      --train FILE            CoNLL-U to learn from\n"
    "      --dev FILE              CoNLL-U for choosing the iterations (never the test set)\n"
    "  -o, --output FILE           the model file (written atomically)\n"
    "      --tagger-iterations N   at most N passes of the tagger (default 12)\n"
    "      --parser-iterations N   at most N passes of the parser (default 15)\n"
    "      --folds N               jackknife folds for the parser's training tags (default 10;\n"
    "                              1 trains the parser on gold tags)\n"
    "      --threads N             threads for the folds (default 2)\n"
    "      --seed N                seed of the shuffles and the oracle's exploration\n"
    "      --info TEXT             provenance stored in the model (treebank, version, licence)\n"
    "      --word-dropout A        while training the parser, a word seen f times reads as unknown\n"
    "                              with chance A/(A+f) (default 0.25; 0: never)\n"
    "      --tagger-min N          leave out tagger features seen fewer than N times an iteration\n"
    "                              (default 1)\n"
    "      --parser-min N          the same for the parser (default 6)\n"
    "  -q, --quiet                 no progress lines on standard error\n"
    "  -h, --help                  show this help\n"
    "\n"
    "exit codes: 0 ok, 1 malformed input, 2 bad usage, 3 file error, 4 internal error\n";

static int int_arg(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

int ag_cmd_train(int argc, char **argv)
{
    enum { O_TRAIN = 256, O_DEV, O_TIT, O_PIT, O_FOLDS, O_THREADS, O_SEED, O_INFO, O_DROP, O_TMIN, O_PMIN };
    static const struct option longopts[] = {
        {"train", required_argument, NULL, O_TRAIN},  {"dev", required_argument, NULL, O_DEV},
        {"output", required_argument, NULL, 'o'},      {"tagger-iterations", required_argument, NULL, O_TIT},
        {"parser-iterations", required_argument, NULL, O_PIT}, {"folds", required_argument, NULL, O_FOLDS},
        {"threads", required_argument, NULL, O_THREADS}, {"seed", required_argument, NULL, O_SEED},
        {"info", required_argument, NULL, O_INFO},    {"word-dropout", required_argument, NULL, O_DROP},
        {"tagger-min", required_argument, NULL, O_TMIN}, {"parser-min", required_argument, NULL, O_PMIN},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},             {NULL, 0, NULL, 0}};
    ag_train_opts o;
    memset(&o, 0, sizeof o);
    o.log = stderr;
    const char *output = NULL;
    optind = 1;
    opterr = 0;
    int c, bad = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case O_TRAIN: o.train_path = optarg; break;
        case O_DEV: o.dev_path = optarg; break;
        case 'o': output = optarg; break;
        case O_TIT: bad = int_arg(optarg, 1, 1000, &o.tagger_epochs); break;
        case O_PIT: bad = int_arg(optarg, 1, 1000, &o.parser_epochs); break;
        case O_FOLDS: bad = int_arg(optarg, 1, 100, &o.folds); break;
        case O_THREADS: bad = int_arg(optarg, 1, 16, &o.threads); break;
        case O_SEED: {
            char *end;
            unsigned long long v = strtoull(optarg, &end, 10);
            bad = !*optarg || *end || v == 0 ? -1 : 0;
            o.seed = v;
            break;
        }
        case O_INFO: o.info = optarg; break;
        case O_TMIN: bad = int_arg(optarg, 1, 1000, &o.tagger_min_count); break;
        case O_PMIN: bad = int_arg(optarg, 1, 1000, &o.parser_min_count); break;
        case O_DROP: {
            char *end;
            o.word_dropout = strtod(optarg, &end);
            bad = !*optarg || *end || o.word_dropout > 100 ? -1 : 0;
            if (o.word_dropout == 0)
                o.word_dropout = -1;
            break;
        }
        case 'q': o.log = NULL; break;
        case 'h': fputs(train_usage, stdout); return 0;
        case ':':
            fprintf(stderr, "accusegraph: train: option '%s' needs a value\n", argv[optind - 1]);
            return 2;
        default:
            fprintf(stderr, "accusegraph: train: unknown option '%s' (see 'accusegraph train --help')\n",
                    argv[optind - 1]);
            return 2;
        }
        if (bad) {
            fprintf(stderr, "accusegraph: train: bad value '%s' for %s\n", optarg, argv[optind - 1]);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "accusegraph: train: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    if (!o.train_path || !o.dev_path || !output) {
        fprintf(stderr, "accusegraph: train: --train, --dev and -o are required (see 'accusegraph train --help')\n");
        return 2;
    }
    ag_err err = {{0}};
    ag_buf model;
    ag_buf_init(&model);
    ag_status st = ag_parser_train(&o, &model, &err);
    ag_out out = {0};
    if (st == AG_OK && (st = ag_out_open(&out, output, &err)) == AG_OK) {
        if (fwrite(model.data, 1, model.len, out.fp) != model.len) {
            ag_out_abort(&out);
            st = ag_fail(&err, AG_ERR_IO, "cannot write %s", output);
        } else {
            st = ag_out_commit(&out, &err);
        }
    }
    ag_buf_destroy(&model);
    return st == AG_OK ? 0 : ag_cli_error(st, &err);
}
