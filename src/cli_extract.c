/* placeholder until the command lands */
#include <stdio.h>
#include "cli.h"
int ag_cmd_extract(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "accusegraph: extract: not implemented yet\n"); return 4; }
