"""Third-party cleaners register through the ``corpusclean.cleaners`` entry-point group."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpusclean import Document, registry
from corpusclean.recipe import build_pipeline, parse_recipe

PLUGIN = '''
from corpusclean import Cleaner, Edit


class RemoveAsterisks(Cleaner):
    """Remove asterisks."""

    name = "remove_asterisks"

    def find_edits(self, text):
        return [Edit(i, i + 1, reason="asterisk") for i, ch in enumerate(text) if ch == "*"]
'''


@pytest.fixture
def installed_plugin(tmp_path: Path) -> Iterator[None]:
    (tmp_path / "cc_plugin.py").write_text(PLUGIN, encoding="utf-8")
    dist = tmp_path / "cc_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: cc-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        "[corpusclean.cleaners]\nremove_asterisks = cc_plugin:RemoveAsterisks\n", encoding="utf-8"
    )
    sys.path.insert(0, str(tmp_path))
    registry._plugins.cache_clear()
    yield
    sys.path.remove(str(tmp_path))
    sys.modules.pop("cc_plugin", None)
    registry._plugins.cache_clear()


def test_entry_point_cleaner_is_usable_from_a_recipe(installed_plugin: None) -> None:
    assert "remove_asterisks" in registry.available()
    pipeline = build_pipeline(parse_recipe('pipeline = ["remove_asterisks", "normalize_lines"]'))
    out = pipeline(Document(id="a", text="*机关召开会议"))
    assert out is not None
    assert out.text == "机关召开会议"
    assert out.removed[0].cleaner == "remove_asterisks"


def test_without_the_plugin_the_name_is_unknown() -> None:
    registry._plugins.cache_clear()
    assert "remove_asterisks" not in registry.available()
