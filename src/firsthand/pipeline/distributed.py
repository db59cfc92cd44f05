"""Reading on a Dask cluster: partitions of reports go out, Readings stream back to the one writer.

Each worker process keeps one Reader (one spaCy model) and reads a partition with batched
`nlp.pipe`; the client only ships reports and receives Readings, so the store stays a single
writer and saves each report's reading in its own transaction, as a local build does.

Workers must be able to import firsthand (on a remote cluster, install it there too).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice

from distributed import Client, LocalCluster, as_completed

from ..claims.attribution import DEFAULT_BACKEND as DEFAULT_ATTRIBUTION
from ..claims.stance import DEFAULT_BACKEND as DEFAULT_STANCE
from ..model.reading import Reading
from ..model.report import Report
from .reader import Reader

_LOCAL = re.compile(r"local:(\d+)")


@contextmanager
def dask_client(address: str) -> Iterator[Client]:
    """A client of `local:N` (a cluster of N single-threaded worker processes, started and
    stopped here) or of a running scheduler at `tcp://host:port`. A bad address is a ValueError;
    an unreachable scheduler an OSError."""
    local = _LOCAL.fullmatch(address)
    if local:
        workers = int(local.group(1))
        if workers < 1:
            raise ValueError(f"--dask {address}: a local cluster needs at least one worker")
        # One thread per process: spaCy holds the GIL for much of its work, so processes scale.
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
    elif address.startswith(("tcp://", "tls://")):
        try:
            client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise OSError(f"--dask {address}: cannot reach the scheduler ({error})") from None
        with client:
            yield client
    else:
        raise ValueError(f"--dask {address}: expected local:N or tcp://host:port")


@lru_cache(maxsize=2)
def _worker_reader(batch_size: int, attribution: str, stance: str) -> Reader:
    # Cached per worker process: the model and the components' data load once, when the Reader is
    # made, and serve every partition sent there.
    return Reader(batch_size=batch_size, attribution=attribution, stance=stance)


def _read_partition(reports: list[Report], batch_size: int, attribution: str, stance: str) -> list[Reading]:
    return list(_worker_reader(batch_size, attribution, stance).read(reports))


def _reader_version(batch_size: int, attribution: str, stance: str) -> str:
    return _worker_reader(batch_size, attribution, stance).version


class DaskReader:
    """Reads like Reader (same `version`, same Readings) with the work spread over a cluster.

    Partitions are read as they are streamed from the store, with at most `in_flight` per worker
    thread outstanding, so neither client nor cluster ever holds the corpus. Readings come back
    in completion order, not input order; each one is independent of the others.
    """

    def __init__(self, client: Client, partition_size: int = 64, batch_size: int = 32, in_flight: int = 2,
                 attribution: str = DEFAULT_ATTRIBUTION, stance: str = DEFAULT_STANCE) -> None:
        self.client = client
        self.partition_size = partition_size
        self.batch_size = batch_size
        self.taggers = (attribution, stance)
        workers = client.nthreads()
        if not workers:
            raise ValueError(f"the Dask cluster at {client.scheduler.address} has no workers")  # type: ignore[union-attr]  # connected
        self.max_in_flight = in_flight * sum(workers.values())
        # Every worker loads its model now, and all must agree on what a reading is.
        versions = set(client.gather([client.submit(_reader_version, batch_size, *self.taggers, workers=[worker], pure=False)
                                      for worker in workers]))
        if len(versions) != 1:
            raise ValueError(f"the Dask workers run different readers: {sorted(versions)}")
        self.version: str = versions.pop()

    def read(self, reports: Iterable[Report]) -> Iterator[Reading]:
        partitions = _partitions(reports, self.partition_size)
        running = as_completed()
        for partition in islice(partitions, self.max_in_flight):
            running.add(self._submit(partition))
        for future in running:
            readings = future.result()
            future.release()
            next_partition = next(partitions, None)
            if next_partition is not None:
                running.add(self._submit(next_partition))
            yield from readings

    def _submit(self, partition: list[Report]):
        return self.client.submit(_read_partition, partition, self.batch_size, *self.taggers, pure=False)


def _partitions(reports: Iterable[Report], size: int) -> Iterator[list[Report]]:
    iterator = iter(reports)
    while partition := list(islice(iterator, size)):
        yield partition
