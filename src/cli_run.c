/* placeholder until the command lands */
#include <stdio.h>
#include "cli.h"
int ag_cmd_run(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "accusegraph: run: not implemented yet\n"); return 4; }
