"""Coverage-guided fuzzing of the default pipeline with atheris (libFuzzer).

Each input is read as UTF-8 (bad bytes replaced, so every input is text) and
cleaned as a one-document corpus; the properties are those of the property
tests (``tests/test_fuzz.py``): no exception, idempotence, valid flag spans,
nothing lost, bounded growth. A failure is a crash that libFuzzer saves.

    python tests/fuzz_pipeline.py -runs=100000 seeds_copy/   # a corpus dir it may add to
    python tests/fuzz_pipeline.py -max_total_time=600
    CORPUSCLEAN_FUZZ_CHECKS=crash python tests/fuzz_pipeline.py ...   # skip the content checks
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

with atheris.instrument_imports(include=["corpusclean"]):  # only the library, not the test code
    from corpusclean.recipe import default_pipeline
    from corpusclean.registry import available

    available()  # imports every cleaner module, under instrumentation
    from test_fuzz import check_properties


#: ``crash``: check only for exceptions and invalid flag spans; anything else: every property.
CONTENT = os.environ.get("CORPUSCLEAN_FUZZ_CHECKS", "all") != "crash"


def clean_one(data: bytes) -> None:
    """Clean ``data`` as one document with a fresh default pipeline and check the properties."""
    text = data.decode("utf-8", errors="replace")
    check_properties("default pipeline", default_pipeline(), [text], content=CONTENT)


def main() -> None:
    atheris.Setup(sys.argv, clean_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
