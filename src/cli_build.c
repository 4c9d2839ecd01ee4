/* placeholder until the command lands */
#include <stdio.h>
#include "cli.h"
int ag_cmd_build(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "accusegraph: build: not implemented yet\n"); return 4; }
