"""Nothing escapes its place: output stays in the output directory, user patterns cannot
hang a run, recipes cannot run code, and a run never touches the network."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from corpusclean.cli import main
from corpusclean.errors import PatternTimeoutError, RecipeError
from corpusclean.patterns import compile_user_pattern
from corpusclean.recipe import parse_recipe

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "corpusclean"

EVIL_IDS = [
    "../../etc/passwd",
    "/etc/passwd",
    "../../../../../../tmp/escaped",
    "a\x00b",
    "CON",
    "nul.txt",
    "COM1.log",
    "..",
    ".",
    "",
    "x/../../y",
    "C:\\Windows\\system32\\x",
    "\\\\server\\share\\x",
    "长" * 300,
    "line\nbreak",
]


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def test_cli_writes_every_evil_id_inside_the_output_directory(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        b"".join(orjson.dumps({"id": i, "text": f"第{n}篇。"}) + b"\n" for n, i in enumerate(EVIL_IDS))
    )
    out = tmp_path / "deep" / "out"
    before = _files(tmp_path)
    assert main(["clean", str(source), "-o", str(out), "--format", "txt", "-q"]) == 0
    new = _files(tmp_path) - before
    assert len(new) == len(EVIL_IDS), "one file per document, none lost to a name clash"
    for path in new:
        assert path.resolve().is_relative_to(out.resolve()), f"{path} is outside {out}"
    assert sorted(p.read_text(encoding="utf-8") for p in new) == sorted(
        f"第{n}篇。\n" for n in range(len(EVIL_IDS))
    )


def test_a_symbolic_link_in_the_output_directory_is_not_followed_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "news").symlink_to(outside, target_is_directory=True)
    source = tmp_path / "in.jsonl"
    source.write_bytes(orjson.dumps({"id": "news/a", "text": "中文。"}) + b"\n")
    assert main(["clean", str(source), "-o", str(out), "--format", "txt", "-q"]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


# -- user-supplied regular expressions ------------------------------------------------------------


def test_a_catastrophic_user_pattern_times_out_with_its_name() -> None:
    pattern = compile_user_pattern(r"^(a|aa)+$", source="recipe.toml [remove_headers]", timeout=0.05)
    text = "a" * 60 + "b"
    for call in (pattern.search, pattern.match, pattern.fullmatch, lambda t: list(pattern.finditer(t))):
        with pytest.raises(PatternTimeoutError, match=r"the pattern '\^\(a\|aa\)\+\$' from recipe.toml"):
            call(text)
    with pytest.raises(PatternTimeoutError, match="rewrite it without nested repeats"):
        pattern.sub("", text)


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        pytest.param(
            r"^本报讯（记者\w+）", "本报讯（记者王小明）北京", "本报讯（记者王小明）", id="dateline"
        ),
        pytest.param(r"(a|aa)+$", "aaaa", "aaaa", id="nested-but-matching"),
        pytest.param(r"图片来源：\S+", "正文。", None, id="no-match"),
    ],
)
def test_user_patterns_behave_like_compiled_patterns(pattern: str, text: str, expected: str | None) -> None:
    found = compile_user_pattern(pattern, source="test").search(text)
    assert (found.group() if found else None) == expected


def test_an_invalid_user_pattern_is_a_recipe_error_naming_it() -> None:
    with pytest.raises(RecipeError, match=r"recipe.toml \[x\]: the pattern '\(unclosed' is not a valid"):
        compile_user_pattern("(unclosed", source="recipe.toml [x]")


# -- recipes are data ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "recipe",
    [
        pytest.param("pipeline = [\"__import__('os').system('touch {marker}')\"]", id="code-as-a-name"),
        pytest.param(
            'pipeline = ["normalize_lines"]\n[normalize_lines]\nx = "!!python/object:os.system"',
            id="yaml-tag",
        ),
        pytest.param(
            "pipeline = [\"normalize_lines\"]\n[os]\nsystem = 'touch {marker}'", id="module-as-a-table"
        ),
    ],
)
def test_a_recipe_cannot_run_code(tmp_path: Path, recipe: str) -> None:
    marker = tmp_path / "ran"
    with pytest.raises(RecipeError):
        parse_recipe(recipe.format(marker=marker))
    assert not marker.exists()


FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint"}
FORBIDDEN_MODULES = {
    "pickle", "marshal", "shelve", "dill", "yaml", "subprocess", "socket", "ssl",
    "urllib.request", "http.client", "requests", "httpx", "aiohttp", "ftplib", "smtplib",
}  # fmt: skip


#: Modules that pickle the library's own fitted pipeline and partial states to hand them to its
#: own worker processes (as multiprocessing does anyway); they never read a pickle from a file.
INTERNAL_PICKLE = {"executor/local.py", "executor/ray.py"}


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_the_library_has_no_code_loading_and_no_network_modules(path: Path) -> None:
    """Static: no eval/exec/pickle/YAML loading, no socket or HTTP client, anywhere in the library."""
    forbidden = FORBIDDEN_MODULES - (
        {"pickle"} if path.relative_to(SRC).as_posix() in INTERNAL_PICKLE else set()
    )
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{path}:{node.lineno} calls {node.func.id}"
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        for name in names:
            assert name not in forbidden, f"{path}:{node.lineno} imports {name}"


# -- no network at run time ---------------------------------------------------------------------

# Runs the command with every way out to the network replaced by a function that
# records the attempt in a file and refuses it.
NO_NETWORK = """
import socket, sys
attempts = open(sys.argv[1], "a")
def refuse(*args, **kwargs):
    attempts.write(repr(args) + "\\n"); attempts.flush()
    raise OSError("network access is blocked in this test")
socket.socket.connect = socket.socket.connect_ex = socket.socket.sendto = refuse
socket.create_connection = socket.getaddrinfo = socket.gethostbyname = refuse
if sys.argv[2] == "probe":
    import urllib.request
    urllib.request.urlopen("http://example.com", timeout=5)
from corpusclean.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _run_blocked(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], str]:
    attempts = tmp_path / "attempts.log"
    attempts.write_text("")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, str(attempts), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc, attempts.read_text()


def test_the_network_block_catches_an_attempt(tmp_path: Path) -> None:
    proc, attempts = _run_blocked(tmp_path, "probe")
    assert proc.returncode != 0 and "network access is blocked" in proc.stderr
    assert "example.com" in attempts


def test_cleaning_the_seeds_needs_no_network(tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "seeds.jsonl"
    proc, attempts = _run_blocked(tmp_path, "clean", str(seeds_dir), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert attempts == ""
    assert len(out.read_bytes().splitlines()) == 5


def test_cleaning_the_seeds_in_a_namespace_without_network(tmp_path: Path, seeds_dir: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare -rn (a user and network namespace) is not available here")
    out = tmp_path / "seeds.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [unshare, "-rn", sys.executable, "-m", "corpusclean", "clean", str(seeds_dir), "-o", str(out), "-q"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(out.read_bytes().splitlines()) == 5
