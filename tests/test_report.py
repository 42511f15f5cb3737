"""The report: every scenario, its explanation and a real PNG plot."""

import struct

import negotiation_sim as ns
from negotiation_sim.report import write_report


def png_size(path):
    """Width and height from a PNG's IHDR chunk (and a check of its signature)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_report_has_every_scenario_and_real_images(tmp_path):
    """report.md and report.html name every scenario and link an image of sensible size for each."""
    report = write_report(tmp_path / "out")
    md = report.markdown.read_text(encoding="utf-8")
    html = report.html.read_text(encoding="utf-8")
    assert report.scenarios == tuple(ns.scenarios.names())
    for name in ns.scenarios.names():
        scenario = ns.scenarios.get(name)
        assert scenario.title in md and f"{name}.png" in md
        assert f'src="{name}.png"' in html
        width, height = png_size(tmp_path / "out" / f"{name}.png")
        assert 300 <= width <= 3000 and 200 <= height <= 3000
        assert (tmp_path / "out" / f"{name}.png").stat().st_size > 5000
    assert "What would change it" in md and "<table>" in html
