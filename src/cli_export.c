/* placeholder until the command lands */
#include <stdio.h>
#include "cli.h"
int ag_cmd_export(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "accusegraph: export: not implemented yet\n"); return 4; }
