"""Charts: every chart is a real PNG, a model keeps its colour across charts, empty charts are skipped."""

from __future__ import annotations

import shutil
import struct

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import pytest

from finalign.errors import UserError
from finalign.eval_harness import viz
from finalign.io import read_json, write_json

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which a valid PNG has right after its signature."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def charted(tmp_path_factory, fake_run):
    run = fake_run(tmp_path_factory.mktemp("run"), effect=0.3)
    return run, viz.make_charts(run)


def test_every_chart_is_written_as_a_png_of_sensible_size(charted):
    run, paths = charted
    assert paths == [run / "viz" / name for name in viz.CHARTS]
    for path in paths:
        width, height = png_size(path)
        assert 400 <= width <= 3000 and 250 <= height <= 2500, (path.name, width, height)
        assert path.stat().st_size > 10_000, path.name  # drawn content, not a blank canvas


def test_no_temporary_files_are_left_in_viz(charted):
    run, paths = charted
    assert sorted(p.name for p in (run / "viz").iterdir()) == sorted(p.name for p in paths)


def test_palette_is_fixed_per_model_and_base_is_grey():
    a = viz.palette(["base", "sft", "sft+dpo"])
    b = viz.palette(["sft+dpo", "mine", "base"])
    assert a["base"] == b["base"] == viz.BASE_COLOR
    assert a["sft+dpo"] == b["sft+dpo"]
    assert len(set(viz.palette(["base", "x", "y", "z", "sft"]).values())) == 5


def _rgb(color) -> tuple:
    return tuple(round(c, 3) for c in mcolors.to_rgb(color))


def test_a_model_has_the_same_colour_in_every_chart(tmp_path, fake_run):
    run = viz.load_run(fake_run(tmp_path, effect=0.3))
    colors = {m: _rgb(c) for m, c in viz.palette(run.summary["models"]).items()}

    fig = viz.headline(run)
    legend = fig.axes[0].get_legend()
    assert {t.get_text(): _rgb(h.get_facecolor()) for t, h in zip(legend.get_texts(), legend.legend_handles)} \
        == colors
    fig = viz.training_curves(run)
    for ax in fig.axes:
        for line in ax.get_lines():
            assert _rgb(line.get_color()) == colors[line.get_label().split(" (")[0]]
    fig = viz.score_distributions(run)
    legend = fig.axes[0].get_legend()
    assert {t.get_text(): _rgb(h.get_facecolor()) for t, h in zip(legend.get_texts(), legend.legend_handles)} \
        == colors
    plt.close("all")


def test_every_chart_has_a_title_axis_labels_and_a_legend(tmp_path, fake_run):
    run = viz.load_run(fake_run(tmp_path, effect=0.3))
    for name, draw in viz.CHARTS.items():
        fig = draw(run)
        axes = [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]
        for ax in axes:
            assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel(), name
            has_colorbar = len(fig.axes) > len(axes)  # the heatmap's colour scale is its legend
            assert ax.get_legend() is not None or has_colorbar, name
        plt.close(fig)


def test_training_curves_skip_panels_without_data(tmp_path, fake_run):
    run_dir = fake_run(tmp_path, effect=0.3)
    shutil.rmtree(run_dir / "lora_finetuned_model" / "sft-dpo")
    fig = viz.training_curves(viz.load_run(run_dir))
    assert [ax.get_title() for ax in fig.axes if ax.get_visible()] == ["SFT loss"]
    plt.close(fig)


def test_charts_with_nothing_to_show_are_skipped_and_stale_images_removed(tmp_path, fake_run):
    run_dir = fake_run(tmp_path, effect=0.3)
    summary = read_json(run_dir / "eval" / "summary.json")
    summary["paired"] = {}
    summary["prompt_sets"], summary["template_gap"] = {}, {}  # one prompt set only: nothing to set side by side
    write_json(run_dir / "eval" / "summary.json", summary)
    (run_dir / "eval" / "scores.jsonl").unlink()
    shutil.rmtree(run_dir / "lora_finetuned_model")
    (run_dir / "viz").mkdir()
    (run_dir / "viz" / "paired_diff.png").write_bytes(PNG_SIGNATURE)  # from an "earlier run"

    paths = viz.make_charts(run_dir)

    assert [p.name for p in paths] == ["headline.png", "per_situation.png"]
    assert sorted(p.name for p in (run_dir / "viz").iterdir()) == ["headline.png", "per_situation.png"]


def test_missing_summary_is_a_user_error_naming_the_file(tmp_path):
    with pytest.raises(UserError, match="summary.json"):
        viz.make_charts(tmp_path)
    assert not (tmp_path / "viz").exists()
