"""Run a cleaning on Ray Data: the cluster ``ray.init()`` finds, or a local one.

Each unit of input (:mod:`corpusclean.executor.units`) is read by a Ray task, the
documents are cleaned by a pool of actors with ``map_batches`` (batches of
about a thousand records: smaller ones cost more in overhead than they save),
and the driver writes the results through the same shard writer as the local
engine, in input order, so the output is byte for byte the local one.

Corpus-level cleaners that learn in parts are fitted with ``map_batches`` too:
each batch gives a partial state, and only those states (counts, signatures,
never the texts) travel to the driver, where they are merged in input order.
A cleaner that can only ``fit`` in one piece is fitted on the driver.

Needs ``pip install 'corpusclean[ray]'``.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from ..cleaner import Cleaner
from ..document import Document
from ..errors import InputError, MissingDependencyError
from ..formats import document_record
from ..pipeline import Pipeline
from .engine import DEFAULT_READ, Progress, ReadOptions
from .fit import fit_in_parts, partial_states
from .outcome import SHARD_KIND, clean_documents
from .shards import SHARD_BYTES, UnitResult, UnitWriter, add_stats, reject_record
from .units import Unit, read_unit

#: Records per batch given to a cleaning actor.
BATCH_SIZE = 1000


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise MissingDependencyError("ray", "ray", "--engine ray") from None
    if not ray.is_initialized():
        # The cluster in RAY_ADDRESS or a running local one, else a new local one. Ray's own
        # messages go to its session's log directory; on the terminal only its errors, and
        # none of its workers' output: corpusclean reports progress and problems itself.
        ray.init(logging_level=logging.ERROR, log_to_driver=False)
        logging.getLogger("ray.data").setLevel(logging.ERROR)  # execution plans, progress lines
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False  # the caller's progress display counts the units
    return ray


def cluster_address() -> str | None:
    """The address of the Ray cluster this process is connected to, if it is."""
    try:
        import ray
    except ImportError:
        return None
    return str(ray.get_runtime_context().gcs_address) if ray.is_initialized() else None


def _resolved(value: Any) -> Any:
    """``value``, or what it names when it is a Ray object reference (a pipeline put in the store once)."""
    import ray

    return ray.get(value) if isinstance(value, ray.ObjectRef) else value


class _ReadUnit:
    """Ray task: the records of one unit (documents as JSON, unreadable inputs as rejects)."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options

    def __call__(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        unit: Unit = pickle.loads(row["unit"])
        errors: list[InputError] = []
        out = [
            {"unit": unit.index, "kind": "input", "record": document_record(doc)}
            for doc in read_unit(unit, self.options, on_error=errors.append)
        ]
        out += [
            {"unit": unit.index, "kind": "rejects", "record": reject_record(e.path, e.line, e.reason)}
            for e in errors
        ]
        # a unit with nothing in it still says it is done
        return out or [{"unit": unit.index, "kind": "empty", "record": b""}]


class _CleanBatch:
    """Ray actor: clean a batch of input records; the batch's stats follow as one more row."""

    def __init__(self, pipeline: Cleaner) -> None:
        self.pipeline = _resolved(pipeline)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        self.pipeline.reset_stats()
        units, kinds, records = (batch.column(c).to_pylist() for c in ("unit", "kind", "record"))
        out_units, out_kinds, out_records = [], [], []
        inputs = (Document.from_json(r) for k, r in zip(kinds, records, strict=True) if k == "input")
        cleaned = clean_documents(self.pipeline, inputs)
        for unit, kind, record in zip(units, kinds, records, strict=True):
            if kind == "input":
                kind, doc = next(cleaned)
                record = document_record(doc)
            out_units.append(unit)
            out_kinds.append(kind)
            out_records.append(record)
        out_units.append(units[-1])
        out_kinds.append("stats")
        out_records.append(pickle.dumps(self.pipeline.all_stats()))
        return pa.table(
            {"unit": out_units, "kind": out_kinds, "record": pa.array(out_records, type=pa.binary())}
        )


class _FitBatch:
    """Ray actor: the partial states of a group of corpus-level cleaners on a batch of input records."""

    def __init__(self, pipeline: Pipeline, positions: list[int]) -> None:
        self.pipeline, self.positions = _resolved(pipeline), positions

    def __call__(self, batch: Any) -> dict[str, list[bytes]]:
        kinds, records = batch.column("kind").to_pylist(), batch.column("record").to_pylist()
        docs = [Document.from_json(r) for k, r in zip(kinds, records, strict=True) if k == "input"]
        return {"state": [pickle.dumps(partial_states(self.pipeline, self.positions, docs))]}


class RayEngine:
    """Run units on Ray Data with ``workers`` cleaning actors (default: one per CPU of the cluster)."""

    def __init__(self, workers: int | None = None, *, batch_size: int = BATCH_SIZE) -> None:
        self.workers = workers
        self.batch_size = batch_size

    def _records(self, units: list[Unit], options: ReadOptions) -> Any:
        ray = _ray()
        items = [{"unit": pickle.dumps(u)} for u in units]
        ds = ray.data.from_items(items, override_num_blocks=max(1, len(items)))
        # no CPU reserved for reading: the cleaning actors hold every CPU, and a read task that
        # waited for one would never start (reading is light next to cleaning)
        return ds.flat_map(_ReadUnit(options), num_cpus=0)

    def _pool(self, ray: Any, units: list[Unit]) -> Any:
        """Cleaning actors: one per CPU of the cluster (or ``workers``), never more than units."""
        size = self.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        return ray.data.ActorPoolStrategy(size=max(1, min(size, len(units))))

    def fit(
        self,
        pipeline: Cleaner,
        units: list[Unit],
        options: ReadOptions = DEFAULT_READ,
        progress: Progress | None = None,
    ) -> None:
        """Fit the corpus-level cleaners of ``pipeline`` with Ray tasks."""

        def map_units(flat: Pipeline, positions: list[int], todo: list[Unit]) -> list[list[Any]]:
            ray = _ray()
            states = self._records(todo, options).map_batches(
                _FitBatch,
                # put in the object store once, not inlined in every actor's arguments
                fn_constructor_kwargs={"pipeline": ray.put(flat), "positions": positions},
                batch_size=self.batch_size,
                batch_format="pyarrow",
                compute=self._pool(ray, todo),
            )
            return [pickle.loads(row["state"]) for row in states.iter_rows()]

        fit_in_parts(pipeline, units, map_units, options, progress)

    def clean(
        self,
        pipeline: Cleaner,
        units: list[Unit],
        tmp: Path,
        *,
        options: ReadOptions = DEFAULT_READ,
        shard_bytes: int = SHARD_BYTES,
        compress: bool = True,
    ) -> Iterator[UnitResult]:
        """Clean ``units`` on Ray; the driver writes each unit's shards under ``tmp``, in unit order."""
        if not units:
            return
        ray = _ray()
        cleaned = self._records(units, options).map_batches(
            _CleanBatch,
            fn_constructor_kwargs={"pipeline": ray.put(pipeline)},
            batch_size=self.batch_size,
            batch_format="pyarrow",
            compute=self._pool(ray, units),
        )
        first = units[0].index
        current = _Unit(first, tmp, shard_bytes, compress)
        for batch in cleaned.iter_batches(batch_size=None, batch_format="pyarrow"):
            columns = (batch.column(c).to_pylist() for c in ("unit", "kind", "record"))
            for unit, kind, record in zip(*columns, strict=True):
                while unit > current.result.index:
                    yield current.close()
                    current = _Unit(current.result.index + 1, tmp, shard_bytes, compress)
                current.add(kind, record)
        yield current.close()
        for index in range(current.result.index + 1, units[-1].index + 1):
            yield _Unit(index, tmp, shard_bytes, compress).close()


class _Unit:
    """The driver's side of one unit: its shard writer and its counts."""

    def __init__(self, index: int, tmp: Path, shard_bytes: int, compress: bool) -> None:
        self.result = UnitResult(index)
        self.writer = UnitWriter(tmp / f"unit-{index:07d}", shard_bytes=shard_bytes, compress=compress)

    def add(self, kind: str, record: bytes) -> None:
        r = self.result
        if kind == "stats":
            r.stats = add_stats(r.stats, pickle.loads(record))
            return
        if kind == "empty":
            return
        if kind == "rejects":
            error = orjson.loads(record)
            r.rejects.append((error["source"], error["line"], error["error"]))
            self.writer.write(kind, record)
            return
        r.tally(kind)  # an outcome of clean_document
        self.writer.write(SHARD_KIND[kind], record)  # type: ignore[index]

    def close(self) -> UnitResult:
        self.result.files = self.writer.close()
        return self.result
