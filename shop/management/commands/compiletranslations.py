"""Compile the project's .po files to .mo with polib, so a fresh machine needs no GNU gettext."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

APPS_WITH_LOCALES = ["config", "shop", "cms", "groupbuy", "community"]


class Command(BaseCommand):
    help = "Compile the project's own translation catalogues (.po -> .mo) without gettext."

    def handle(self, *args, **options) -> None:
        base = Path(settings.BASE_DIR)
        compiled = 0
        for app in APPS_WITH_LOCALES:
            for po_path in sorted((base / app / "locale").glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
                self.stdout.write(f"compiled {po_path.relative_to(base)}")
        self.stdout.write(self.style.SUCCESS(f"{compiled} catalogue(s) compiled."))
