#!/usr/bin/python3
"""cluster-dask.py - extracts a JSON Lines corpus on a Dask cluster and builds the graph.

usage: scripts/cluster-dask.py [OPTIONS] CORPUS.jsonl OUTDIR [-- EXTRACT_OPTIONS...]

Cuts CORPUS.jsonl into partitions of whole lines (byte ranges that start and end at line ends),
maps each through `accusegraph extract -` (a subprocess fed the partition on its standard input)
on the cluster's workers, writes one triple shard per partition (OUTDIR/shards/part-NNNNN.jsonl)
and merges the shards, in corpus order, with `accusegraph build` into OUTDIR/accusations.graphml:
the graph one `accusegraph run` gives. Without --scheduler it starts a LocalCluster on this
machine. On a real cluster, the corpus, OUTDIR and the program must be at the same paths on every
worker (a shared file system). Runs with Debian's python3-distributed (/usr/bin/python3).
Exit codes: 0 ok, 2 bad usage, 3 a file or module missing, else the failing command's.
"""
import argparse
import os
import shutil
import subprocess
import sys


def partitions(path, count):
    """Byte ranges [start, end) of about equal size covering the file, each of whole lines."""
    size = os.path.getsize(path)
    cuts = [0]
    with open(path, "rb") as f:
        for k in range(1, count):
            pos = k * size // count
            if pos <= cuts[-1]:
                continue
            f.seek(pos - 1)
            f.readline()  # to the end of the line holding byte pos - 1
            if f.tell() < size and f.tell() > cuts[-1]:
                cuts.append(f.tell())
    cuts.append(size)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def extract_part(program, corpus, start, end, shard, options):
    """Runs extract on bytes [start, end) of corpus, streamed to its standard input, into shard
    (written whole or not at all); returns (shard, exit status, standard error)."""
    tmp = shard + ".tmp"
    try:
        proc = subprocess.Popen([program, "extract", "-q", "-j", "1", "-", "-o", tmp] + options,
                                stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        return shard, 3, f"{program}: {e.strerror}"
    try:
        with open(corpus, "rb") as f:
            f.seek(start)
            left = end - start
            while left > 0:
                chunk = f.read(min(left, 1 << 20))
                if not chunk:
                    break
                proc.stdin.write(chunk)
                left -= len(chunk)
        proc.stdin.close()
    except BrokenPipeError:  # extract stopped early; its status and message say why
        pass
    msg = proc.stderr.read()
    rc = proc.wait()
    if rc == 0:
        os.replace(tmp, shard)
    return shard, rc, msg.decode("utf-8", "replace")


def default_program():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "accusegraph")
    return os.path.abspath(here) if os.access(here, os.X_OK) else "accusegraph"


def main(argv):
    extract_opts = []
    if "--" in argv:
        k = argv.index("--")
        argv, extract_opts = argv[:k], argv[k + 1:]
    p = argparse.ArgumentParser(prog="scripts/cluster-dask.py",
                                usage="%(prog)s [OPTIONS] CORPUS.jsonl OUTDIR [-- EXTRACT_OPTIONS...]",
                                description="Extracts a JSON Lines corpus on a Dask cluster, one "
                                "`accusegraph extract -` per partition, and merges the shards with "
                                "`accusegraph build` into OUTDIR/accusations.graphml.")
    p.add_argument("corpus", metavar="CORPUS.jsonl")
    p.add_argument("outdir", metavar="OUTDIR")
    p.add_argument("--workers", type=int, default=2, help="LocalCluster workers (default 2)")
    p.add_argument("--partitions", type=int, default=0,
                   help="partitions of the corpus (default: 4 per worker, and at most 64 MB each)")
    p.add_argument("--scheduler", metavar="ADDR",
                   help="use the running cluster at ADDR (tcp://host:8786) instead of a LocalCluster")
    p.add_argument("--bin", default=default_program(),
                   help="the accusegraph program (default: build/accusegraph of this checkout)")
    a = p.parse_args(argv)
    if a.workers < 1 or a.partitions < 0:
        p.error("--workers wants 1 or more, --partitions 0 or more")
    if not os.path.isfile(a.corpus):
        print(f"cluster-dask: {a.corpus}: not a regular file", file=sys.stderr)
        return 3
    if not shutil.which(a.bin):
        print(f"cluster-dask: {a.bin}: program not found (--bin)", file=sys.stderr)
        return 3
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        print(f"cluster-dask: {e} (Debian: apt-get install python3-distributed; run with /usr/bin/python3)",
              file=sys.stderr)
        return 3

    shard_dir = os.path.join(a.outdir, "shards")
    os.makedirs(shard_dir, exist_ok=True)
    for old in os.listdir(shard_dir):  # shards of an earlier run would be merged too
        if old.startswith("part-"):
            os.remove(os.path.join(shard_dir, old))
    corpus = os.path.abspath(a.corpus)
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        workers = len(client.scheduler_info()["workers"]) if a.scheduler else a.workers
        count = a.partitions or max(4 * max(workers, 1), -(-os.path.getsize(corpus) // (64 << 20)))
        parts = partitions(corpus, count)
        shards = [os.path.abspath(os.path.join(shard_dir, f"part-{k:05d}.jsonl")) for k in range(len(parts))]
        futures = [client.submit(extract_part, a.bin, corpus, s, e, shard, extract_opts, pure=False)
                   for (s, e), shard in zip(parts, shards)]
        results = client.gather(futures)
    finally:
        client.close()
        if cluster:
            cluster.close()
    failed = [(k, rc, msg) for k, (_, rc, msg) in enumerate(results) if rc != 0]
    for k, rc, msg in failed:
        print(f"cluster-dask: partition {k} (bytes {parts[k][0]}-{parts[k][1]} of {a.corpus}): extract exit {rc}: "
              f"{msg.strip()}", file=sys.stderr)
    if failed:
        return failed[0][1]
    graph = os.path.join(a.outdir, "accusations.graphml")
    return subprocess.run([a.bin, "build"] + shards + ["-o", graph]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
