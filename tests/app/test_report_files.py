"""`portfolio --reports DIR`: a report's file name, made from an id, stays inside DIR, names
no device, meets no other report (whatever the case) and keeps Chinese readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from merchant_cli.app.report_files import MAX_STEM, check_reports_dir, file_names, slug
from merchant_cli.core.errors import OutputError


@pytest.mark.parametrize(
    ("ident", "stem"),
    [
        ("shop-7", "shop-7"),
        ("../x", "x"),
        ("..\\..\\etc\\passwd", "etc-passwd"),
        ("/abs/path", "abs-path"),
        ("鞋厂 一号", "鞋厂-一号"),
        ("a\x1b[31mb", "a-31mb"),
        ("...", ""),
        ("", ""),
        (None, ""),
        ("Ａ１", "Ａ１"),
        ("e\u0301", "\u00e9"),  # NFC: one file however the id was typed
    ],
)
def test_a_slug_keeps_letters_and_digits_of_any_script(ident: str | None, stem: str) -> None:
    assert slug(ident) == stem


def test_a_long_id_is_cut() -> None:
    assert len(slug("鞋" * 500)) == MAX_STEM
    assert len(slug("鞋" * 500).encode()) <= 255


def test_file_names_never_escape_collide_or_name_a_device() -> None:
    clients = [(2, "CON"), (3, "shop"), (4, "SHOP"), (5, "shop"), (6, None), (7, ""),
               (8, "index"), (9, "shop-row4"), (10, "../x"), (11, "x"), (12, "com1"),
               (13, "鞋厂")]  # fmt: skip
    names = file_names(clients, ".html")
    assert names == {
        2: "CON-row2.html", 3: "shop.html", 4: "SHOP-row4.html", 5: "shop-row5.html",
        6: "row6.html", 7: "row7.html", 8: "index-row8.html", 9: "shop-row4-row9.html",
        10: "x.html", 11: "x-row11.html", 12: "com1-row12.html", 13: "鞋厂.html",
    }  # fmt: skip
    folded = [name.casefold() for name in names.values()]
    assert len(set(folded)) == len(folded) and "index.html" not in folded
    for name in names.values():
        assert Path(name).name == name and not name.startswith(".")


def test_a_taken_name_with_a_row_gets_a_counter() -> None:
    names = file_names([(3, "a-row5"), (4, "a"), (5, "a"), (6, "a-row5")], ".md")
    assert names == {3: "a-row5.md", 4: "a.md", 5: "a-row5-2.md", 6: "a-row5-row6.md"}


def test_the_reports_dir_must_be_new_or_empty_unless_forced(tmp_path: Path) -> None:
    check_reports_dir(tmp_path / "new", force=False)
    check_reports_dir(tmp_path, force=False)
    (tmp_path / "old.html").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError):
        check_reports_dir(tmp_path, force=False)
    check_reports_dir(tmp_path, force=True)
    with pytest.raises(OutputError):
        check_reports_dir(tmp_path / "old.html", force=True)
