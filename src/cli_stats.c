/* placeholder until the command lands */
#include <stdio.h>
#include "cli.h"
int ag_cmd_stats(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "accusegraph: stats: not implemented yet\n"); return 4; }
