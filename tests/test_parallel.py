"""Parallel local runs and sharded, resumable output: the same result whatever the workers."""

from __future__ import annotations

import signal
from pathlib import Path

import orjson
import pytest
from corpus_cleaners import CountChars, MarkRepeats, Slow, corpus_pipeline, same_names, stop_after_units

from corpusclean.cleaner import Cleaner
from corpusclean.cli import main
from corpusclean.document import Document
from corpusclean.errors import OutputError
from corpusclean.executor.fit import StateMerger, fit_groups
from corpusclean.executor.local import LocalEngine
from corpusclean.executor.runner import clean_files
from corpusclean.executor.units import UNIT_BYTES, find_files, plan_units, read_unit, unit_size
from corpusclean.formats import Corpus, open_compressed
from corpusclean.pipeline import Pipeline
from corpusclean.registry import make_cleaner

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seed_texts: dict[str, str]) -> Path:
    """Seeds, repeats of them, short texts and a JSONL file with a broken line, in several units."""
    folder = tmp_path_factory.mktemp("corpus")
    for i, (name, text) in enumerate(seed_texts.items()):
        (folder / f"a{i}_{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"b{i}_copy.txt").write_text(text, encoding="utf-8")  # a duplicate
        (folder / f"c{i}_short.txt").write_text("短。", encoding="utf-8")  # dropped
    lines = []
    for i, text in enumerate(seed_texts.values()):
        for j, paragraph in enumerate(p for p in text.split("\n") if p.strip()):
            record: dict[str, object] = {"text": paragraph, "n": j}
            if j % 3:
                record["id"] = f"p{i}-{j}"
            lines.append(orjson.dumps(record))
    lines.insert(7, b"{not json")
    (folder / "d_paragraphs.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return folder


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [orjson.loads(x) for x in path.read_bytes().splitlines()]


def read_shards(folder: Path, kind: str = "part") -> bytes:
    return b"".join(whole(p) for p in sorted(folder.glob(f"{kind}-*.jsonl.zst")))


def whole(shard: Path) -> bytes:
    """The decompressed bytes of a shard; raises when the shard is cut short."""
    with open_compressed(shard) as stream:
        return stream.read()


def test_units_read_the_same_documents_as_the_corpus(corpus: Path) -> None:
    errors: list[object] = []
    whole = list(Corpus([corpus], on_error=errors.append))
    units = plan_units(find_files([corpus]), unit_bytes=3000)
    jsonl_pieces = [p for u in units for p in u.pieces if p.start is not None]
    assert len(jsonl_pieces) > 3, "the JSONL file must be cut into several pieces"
    unit_errors: list[object] = []
    parts = [d for u in units for d in read_unit(u, on_error=unit_errors.append)]
    assert parts == whole
    assert [str(e) for e in unit_errors] == [str(e) for e in errors] != []


@pytest.mark.parametrize("pipeline_of", [corpus_pipeline, lambda: Pipeline([MarkRepeats(), CountChars()])])
def test_fit_in_parts_matches_one_fit(corpus: Path, pipeline_of: object) -> None:
    one, parts = pipeline_of(), pipeline_of()  # type: ignore[operator]
    docs = list(Corpus([corpus], on_error=lambda e: None))
    one.fit(docs)
    LocalEngine(workers=2).fit(parts, plan_units(find_files([corpus]), unit_bytes=3000))
    learnt = [c for c in parts if isinstance(c, MarkRepeats | CountChars)]
    assert learnt and all(vars(c).get("first") or vars(c).get("counts") for c in learnt)
    for cleaner_one, cleaner_parts in zip(one, parts, strict=True):
        if cleaner_parts.fits_in_parts():  # the others are fitted in one process either way
            assert vars(cleaner_one) | {"_stats": None} == vars(cleaner_parts) | {"_stats": None}


class CountCalls(Cleaner):
    """Count the documents it sees (a text-changing cleaner that changes nothing)."""

    name = "count_calls"

    def __init__(self) -> None:
        self.calls = 0

    def apply(self, doc: Document) -> Document:
        self.calls += 1
        return doc


def test_cleaners_that_learn_from_the_same_text_share_one_read(corpus: Path) -> None:
    counter, marks, chars = CountCalls(), MarkRepeats(), CountChars()
    pipeline = Pipeline([counter, marks, make_cleaner("flag_redactions"), chars, CountCalls(), CountChars()])
    assert fit_groups(pipeline) == [[1, 3], [5]]
    LocalEngine(workers=1).fit(pipeline, plan_units(find_files([corpus]), unit_bytes=3000))
    documents = sum(1 for _ in Corpus([corpus], on_error=lambda e: None))
    assert counter.calls == 2 * documents  # once for the group [1, 3], once for [5]
    one_marks, one_chars = MarkRepeats(), CountChars()
    Pipeline([CountCalls(), one_marks, one_chars]).fit(list(Corpus([corpus], on_error=lambda e: None)))
    assert (marks.first, chars.counts) == (one_marks.first, one_chars.counts) != ({}, {})


@pytest.mark.parametrize("workers", [1, 2], ids=["1-worker", "2-workers"])
def test_output_is_the_same_as_a_single_process_run(corpus: Path, tmp_path: Path, workers: int) -> None:
    out = tmp_path / "out.jsonl"
    result = clean_files([corpus], str(out), pipeline=corpus_pipeline(), workers=workers, unit_bytes=3000)
    single, docs = corpus_pipeline(), Corpus([corpus], on_error=lambda e: None)
    single.fit(docs)
    expected_dropped: list[str] = []
    expected = list(single.clean(docs, on_drop=lambda doc, reason: expected_dropped.append(doc.id)))
    kept = [d for d in expected if "duplicate_of" not in d.metadata]
    assert [r["id"] for r in read_jsonl(out)] == [d.id for d in kept]
    assert read_jsonl(out) == [d.model_dump(mode="json") for d in kept]
    assert {r["metadata"]["corpus_documents"] for r in read_jsonl(out)} == {result.read - result.dropped}
    duplicates = [d.model_dump(mode="json") for d in expected if "duplicate_of" in d.metadata]
    assert read_jsonl(tmp_path / "out.duplicates.jsonl") == duplicates
    assert result.duplicates == len(duplicates) >= 5
    dropped = read_jsonl(tmp_path / "out.dropped.jsonl")
    assert [r["id"] for r in dropped] == expected_dropped and result.dropped == len(expected_dropped) >= 5
    assert "短。" in [r["text"] for r in dropped]
    assert [r["line"] for r in read_jsonl(tmp_path / "out.rejects.jsonl")] == [8]
    seen = {row.name: row.seen for row in result.stats}
    assert seen["drop_short"] == result.read and seen["mark_repeats"] == result.read - result.dropped


def test_shards_are_the_same_for_any_number_of_workers(corpus: Path, tmp_path: Path) -> None:
    outputs = {}
    for workers in (1, 2):
        folder = tmp_path / f"w{workers}"
        clean_files([corpus], str(folder), fmt="jsonl", pipeline=corpus_pipeline(), workers=workers,
                    unit_bytes=3000, shard_bytes=20_000)  # fmt: skip
        outputs[workers] = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "manifest.json"}
    assert outputs[1] == outputs[2]
    names = sorted(outputs[1])
    assert "part-00000.jsonl.zst" in names and "duplicates-00000.jsonl.zst" in names
    assert sum(n.startswith("part-") for n in names) > 3, "small shards: several of them"
    single = tmp_path / "single.jsonl"
    clean_files([corpus], str(single), pipeline=corpus_pipeline(), unit_bytes=3000)
    assert read_shards(tmp_path / "w2") == single.read_bytes()


def test_a_finished_run_is_not_redone_and_other_inputs_are_refused(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "shards"
    first = clean_files([corpus], str(folder), fmt="jsonl", pipeline=corpus_pipeline(), unit_bytes=3000)
    before = {p: p.stat().st_mtime_ns for p in folder.iterdir()}
    again = clean_files([corpus], str(folder), fmt="jsonl", pipeline=corpus_pipeline(), unit_bytes=3000)
    assert again.as_dict() == first.as_dict()
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir() if p.name != "manifest.json"} == {
        p: t for p, t in before.items() if p.name != "manifest.json"
    }
    with pytest.raises(OutputError, match="other inputs or settings"):
        clean_files([corpus / "a0_000_577c4fc611a7163a.txt"], str(folder), fmt="jsonl", pipeline=Pipeline())


# Slow enough (0.08 s a document, about 3.5 s in all on two workers) that the run is still going
# when the test, competing for the same two cores, sees the second unit done and stops it.
INTERRUPTED_RUN = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # a background job inherits SIGINT ignored
sys.path[:0] = [{tests!r}, {src!r}]
from corpus_cleaners import Slow, corpus_pipeline
from corpusclean.executor.runner import clean_files
clean_files([{corpus!r}], {out!r}, fmt="jsonl", pipeline=corpus_pipeline(Slow(seconds=0.08)),
            workers=2, unit_bytes=3000, shard_bytes=20_000)
"""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_an_interrupted_run_finishes_on_restart_with_the_same_output(
    corpus: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    reference = tmp_path / "reference"
    clean_files([corpus], str(reference), fmt="jsonl", pipeline=corpus_pipeline(), workers=1,
                unit_bytes=3000, shard_bytes=20_000)  # fmt: skip
    out = tmp_path / "out"
    src = str(TESTS.parent / "src")
    code = INTERRUPTED_RUN.format(tests=str(TESTS), src=src, corpus=str(corpus), out=str(out))
    done = stop_after_units(code, out, 2, sig, timeout=30)
    assert not done["complete"], "the run must be stopped in the middle for this test to mean anything"
    for shard in out.glob("*.jsonl.zst"):  # every visible shard is whole
        whole(shard)
    clean_files([corpus], str(out), fmt="jsonl", pipeline=corpus_pipeline(Slow(seconds=0)), workers=2,
                unit_bytes=3000, shard_bytes=20_000)  # fmt: skip
    for name in same_names(out, reference):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


def test_cli_workers_and_shards(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "shards"
    status = main(["clean", str(corpus), "-o", str(out), "--format", "jsonl", "--workers", "2", "-q"])
    assert status == 1  # the broken JSONL line is rejected
    manifest = orjson.loads((out / "manifest.json").read_bytes())
    shards = {kind: len(read_shards(out, kind).splitlines()) for kind in ("part", "duplicates", "dropped")}
    assert manifest["complete"] and manifest["totals"]["read"] == sum(shards.values())
    assert shards["duplicates"] >= 5
    assert [orjson.loads(x)["line"] for x in read_shards(out, "rejects").splitlines()] == [8]


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        pytest.param([60, 60, 30], [["f0"], ["f1", "f2"]], id="a-file-that-would-overfill-starts-a-unit"),
        pytest.param([30, 30, 30, 30], [["f0", "f1", "f2"], ["f3"]], id="small-files-grouped"),
        pytest.param([150, 10], [["f0"], ["f1"]], id="a-large-text-file-is-a-unit-of-its-own"),
    ],
)
def test_units_never_grow_past_the_unit_size_by_grouping(
    tmp_path: Path, sizes: list[int], expected: list[list[str]]
) -> None:
    for i, size in enumerate(sizes):
        (tmp_path / f"f{i}.txt").write_text("字" * (size // 3), encoding="utf-8")
    units = plan_units(find_files([tmp_path]), unit_bytes=100)
    assert [[p.file.path.stem for p in u.pieces] for u in units] == expected


def test_the_unit_size_follows_the_corpus_and_not_the_workers(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    line = orjson.dumps({"text": "新华社北京１２月３１日电" * 20}) + b"\n"
    corpus.write_bytes(line * (3 * 1024 * 1024 // len(line)))  # 3 MiB: units of the 1 MiB minimum
    units = plan_units(find_files([corpus]))
    assert len(units) == 3
    assert unit_size(64 * 10**6) == 2 * 10**6 and unit_size(10**10) == UNIT_BYTES


class Concatenate:
    """A merge that is associative but not commutative: the order of the parts shows."""

    def __init__(self) -> None:
        self.calls = 0

    def merge_states(self, states: list[str]) -> str:
        self.calls += 1
        return "".join(states)


@pytest.mark.parametrize("parts", [0, 1, 2, 5, 8, 33])
def test_states_merge_in_corpus_order_holding_one(parts: int) -> None:
    merge = Concatenate()
    merger = StateMerger(merge)
    names = [f"<{k}>" for k in range(parts)]
    most = 0
    for name in names:
        merger.add(name)
        most = max(most, merger.held())
    assert merger.result() == "".join(names)
    assert most == min(1, parts)
    assert merge.calls == max(parts - 1, 0) + (parts == 0)  # one merge per arriving part; [] for none


def test_a_parallel_run_leaves_the_collector_as_it_found_it(corpus: Path, tmp_path: Path) -> None:
    import gc

    before = gc.get_freeze_count()
    clean_files(
        [corpus], str(tmp_path / "out"), fmt="jsonl", pipeline=corpus_pipeline(), workers=2, unit_bytes=3000
    )
    assert gc.get_freeze_count() == before  # objects frozen only while the workers were forked


class Preloaded(Cleaner):
    """Marks each document with how many times this instance loaded its table (0 if it never did)."""

    name = "preloaded"
    changes_text = False

    def __init__(self) -> None:
        self.loads = 0

    def preload(self) -> None:
        self.loads += 1

    def apply(self, doc: Document) -> Document:
        return doc.replace(metadata={**doc.metadata, "loads": self.loads})


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(), reason="workers are forked"
)
def test_forked_workers_inherit_what_the_cleaners_preloaded(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    clean_files([corpus], str(out), fmt="jsonl", pipeline=Pipeline([Preloaded()]), workers=2, unit_bytes=3000)
    loads = {orjson.loads(line)["metadata"]["loads"] for line in read_shards(out).splitlines()}
    assert loads == {1}  # loaded once, in the main process, before the workers were forked
