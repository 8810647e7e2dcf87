"""CSV exports of local currencies: what the cooperative owes each producer."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from .selectors import amounts_owed


def owed_csv() -> str:
    """One row per producer and currency: received (net of refunds), settled, owed."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [_("Producer"), _("SIRET"), _("Currency"), _("Received"), _("Settled"), _("Owed")]
    )
    for row in amounts_owed():
        writer.writerow(
            [
                row.partner_name,
                row.siret,
                row.currency,
                f"{row.received:.2f}",
                f"{row.settled:.2f}",
                f"{row.owed:.2f}",
            ]
        )
    return out.getvalue()
