from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share one SIREN and follow their own checksum rule.
LA_POSTE_SIREN = "356000000"


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits whose Luhn checksum holds (La Poste: digit sum multiple of 5)."""
    siret = value.replace(" ", "")
    if len(siret) != 14 or not siret.isdigit():
        raise ValidationError(
            _("A SIRET number has exactly 14 digits."), code="siret_format", params={"value": value}
        )
    if siret.startswith(LA_POSTE_SIREN):
        valid = sum(int(c) for c in siret) % 5 == 0
    else:
        valid = luhn_is_valid(siret)
    if not valid:
        raise ValidationError(
            _("This SIRET number is not valid (its check digit does not match)."),
            code="siret_checksum",
        )
