/* xlsx_read.h - the rows of one sheet of an xlsx workbook, as the text each cell shows (for
 * `build` reading back an accusations sheet edited in a spreadsheet; see ag_triples_read).
 *
 * An xlsx file is a zip archive of XML parts: minizip reads the archive and libxml2's streaming
 * reader the parts, so a sheet of a million rows costs one pass and the memory of its part.
 * Cells read as they show: shared and inline strings as their text, numbers as written in the
 * part, booleans as true or false, and numbers in a date format as YYYY-MM-DD, YYYY-MM or YYYY,
 * as precise as the format shows them (the writer's yyyy-mm-dd, yyyy-mm and yyyy, or Excel's
 * built-in date formats; the 1904 date system too). A formula cell gives its cached value. */
#ifndef XLSX_READ_H
#define XLSX_READ_H

#include "ag_common.h"

/* What the rows go to, in the shape of libcsv's callbacks: cell() for every column of a row
 * from A on (empty cells as "", trailing empty ones left out but the row padded to the first
 * row's width), then row(). Rows without any text are left out. *row_number is set to the
 * row's number in the sheet before its first cell; after any callback a *stop other than
 * AG_OK ends the reading with that status. */
typedef struct ag_xlsx_sink {
    void (*cell)(void *s, size_t n, void *data);
    void (*row)(int term, void *data);
    void *data;
    long *row_number;
    const ag_status *stop;
} ag_xlsx_sink;

/* Reads the sheet named `sheet` (the first sheet when the workbook has none of that name).
 * Errors: AG_ERR_IO when the file cannot be opened; AG_ERR_INPUT naming the file when it is
 * no xlsx workbook (not a zip, a part missing, malformed XML, a part over 1 GB uncompressed). */
ag_status ag_xlsx_read_rows(const char *path, const char *sheet, const ag_xlsx_sink *sink, ag_err *err);

#endif
