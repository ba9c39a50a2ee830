"""The Chinese font is cut once per machine (certificates/fonts.py): a second clone, or a
CI run on a clean clone, copies it from the machine's cache instead of cutting it again."""

from certificates import fonts


def test_a_second_tree_copies_the_cut_font_and_a_changed_source_is_cut_again(
    tmp_path, monkeypatch, settings
):
    source = tmp_path / "NotoSerifCJK-Regular.ttc"
    source.write_bytes(b"the source collection")
    monkeypatch.setitem(fonts.SOURCES, "normal", source)
    monkeypatch.setenv("PATIT_CACHE_DIR", str(tmp_path / "cache"))
    cuts = []

    def cut(weight, target):  # the real cut takes a minute; what it writes is not tested here
        cuts.append(weight)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"font cut from " + source.read_bytes())

    monkeypatch.setattr(fonts, "cut", cut)

    for tree in ("first-clone", "second-clone"):
        settings.FONTS_DIR = str(tmp_path / tree)
        assert fonts.build("normal").read_bytes() == b"font cut from the source collection"
    assert cuts == ["normal"]

    source.write_bytes(b"a newer source collection")  # e.g. a fonts-noto-cjk upgrade
    settings.FONTS_DIR = str(tmp_path / "third-clone")
    assert fonts.build("normal").read_bytes() == b"font cut from a newer source collection"
    assert cuts == ["normal", "normal"]
