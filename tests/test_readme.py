"""The README's Python examples run as written."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_blocks_run():
    """Every ```python block of the README executes without error."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "the README has a quick start"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - running our own documentation


def test_readme_shows_the_two_commands():
    """Near its top the README gives the install-and-report and install-and-test commands."""
    head = README.read_text(encoding="utf-8")[:2000]
    assert "negotiation-sim report" in head and "pip install -e '.[test]' && pytest" in head
