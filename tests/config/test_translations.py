"""The French translation is complete: every string marked for translation in our code and
templates is shown in French, by our catalogues or, for the wording of Oscar's templates we
override, by the framework's own.

The messages are extracted (`makemessages`, as `make messages` does) from a copy of the
sources, so the check never rewrites the catalogues in the checkout. It needs GNU gettext
(a developer's and CI's machine has it; a fresh machine with only Python skips it)."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["manage.py", "config", "shop", "community", "groupbuy", "cms", "templates"]

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)"
)


def _extract_catalogues(into: Path) -> list[Path]:
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, into / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete"],
        cwd=into,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "PYTHONPATH": str(into)},
        check=True,
        capture_output=True,
        timeout=300,
    )
    return sorted(into.glob("*/locale/fr/LC_MESSAGES/django.po"))


def _shown_in_english(entry: polib.POEntry) -> bool:
    """Whether French users would see the English msgid: our catalogue leaves it empty and
    no installed catalogue (Oscar's, allauth's, Wagtail's, Django's) translates it."""
    with translation.override("fr"):
        if entry.msgid_plural:
            return translation.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgid_plural
        if entry.msgctxt:
            return translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgid
        return translation.gettext(entry.msgid) == entry.msgid


def _where(entry: polib.POEntry) -> str:
    return ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])


def test_every_translatable_string_has_a_french_translation(tmp_path):
    catalogues = _extract_catalogues(tmp_path)
    assert len(catalogues) >= 5, catalogues
    missing = [
        f"{po.relative_to(tmp_path)}: {entry.msgid!r} ({_where(entry)})"
        for po in catalogues
        for entry in polib.pofile(str(po)).untranslated_entries()
        + polib.pofile(str(po)).fuzzy_entries()
        if _shown_in_english(entry)
    ]
    assert not missing, "strings without a French translation:\n" + "\n".join(missing)
