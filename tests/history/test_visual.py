"""compare_screenshots: a perceptual diff that ignores one-pixel shifts and finds real changes."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from aura.history.visual import compare_screenshots

WIDTH, HEIGHT = 800, 600


def page(offset: int = 0, height: int = HEIGHT) -> Image.Image:
    """A page-like picture: a header bar, lines of anti-aliased text, a coloured button."""
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 60), fill=(30, 60, 120))
    for line in range(12):
        y = 100 + line * 32 + offset
        draw.text(
            (40 + offset, y), "The quick brown fox jumps over the lazy dog " * 2, fill="black"
        )
    draw.rounded_rectangle((40 + offset, 520, 240 + offset, 570), radius=8, fill=(0, 140, 70))
    return image


def save(image: Image.Image, path: Path) -> Path:
    image.save(path, format="PNG")
    return path


def test_identical_screenshots_change_nothing(tmp_path: Path) -> None:
    before = save(page(), tmp_path / "before.png")
    after = save(page(), tmp_path / "desktop.png")
    overlay = tmp_path / "overlay.png"
    change = compare_screenshots(before, after, overlay)
    assert (change.screenshot, change.changed_percent, change.overlay) == ("desktop.png", 0, None)
    assert not overlay.exists()


def test_a_one_pixel_shift_is_not_a_change(tmp_path: Path) -> None:
    before = save(page(), tmp_path / "before.png")
    after = save(page(offset=1), tmp_path / "after.png")
    change = compare_screenshots(before, after, tmp_path / "overlay.png")
    assert change.changed_percent < 0.5


def test_a_changed_block_is_measured_and_marked(tmp_path: Path) -> None:
    changed = page()
    ImageDraw.Draw(changed).rectangle((400, 200, 599, 349), fill=(220, 40, 40))  # 6.25%
    before = save(page(), tmp_path / "before.png")
    after = save(changed, tmp_path / "after.png")
    overlay = tmp_path / "runs" / "b-desktop.png"
    change = compare_screenshots(before, after, overlay)
    assert 5.5 <= change.changed_percent <= 8
    assert change.overlay == "b-desktop.png"
    with Image.open(overlay) as marked:
        assert (marked.format, marked.size) == ("PNG", (WIDTH, HEIGHT))
        marked.load()
        inside, outside = marked.getpixel((500, 275)), marked.getpixel((700, 450))
    assert inside != (220, 40, 40)  # tinted
    assert outside == (255, 255, 255)  # untouched


def test_extra_height_counts_as_changed(tmp_path: Path) -> None:
    before = save(page(), tmp_path / "before.png")
    after = save(page(height=HEIGHT + 200), tmp_path / "after.png")
    change = compare_screenshots(before, after, tmp_path / "overlay.png")
    assert 24 <= change.changed_percent <= 26  # 200 of 800 rows
    with Image.open(tmp_path / "overlay.png") as marked:
        assert marked.size == (WIDTH, HEIGHT + 200)


def test_a_shorter_new_screenshot_counts_the_lost_area(tmp_path: Path) -> None:
    before = save(page(height=HEIGHT + 200), tmp_path / "before.png")
    after = save(page(), tmp_path / "after.png")
    change = compare_screenshots(before, after, tmp_path / "overlay.png")
    assert 24 <= change.changed_percent <= 26


def test_a_changed_word_is_noticed(tmp_path: Path) -> None:
    changed = page()
    draw = ImageDraw.Draw(changed)
    draw.rectangle((40, 100, 400, 115), fill="white")
    draw.text((40, 100), "The quick brown cat jumps over", fill="black")
    before = save(page(), tmp_path / "before.png")
    after = save(changed, tmp_path / "after.png")
    change = compare_screenshots(before, after, tmp_path / "overlay.png")
    assert 0 < change.changed_percent < 2
    assert (tmp_path / "overlay.png").exists()
