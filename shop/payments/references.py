"""Payment references quoted with a bank transfer: "<PREFIX>-<number>-<check digit>".

The number identifies what is paid (an order, a share subscription...), the prefix says
which kind of thing it is, and a Luhn check digit catches a mistyped character when the
bank statement is matched. Shared by the order transfers (prefix "PC", offline.py) and by
the apps that register a bank-statement matcher (bank_statements.registry).
"""

from __future__ import annotations

import re


def luhn_check_digit(number: str) -> int:
    """Luhn check digit of an alphanumeric string (letters count as 10..35)."""
    digits = "".join(str(int(char, 36)) for char in number)
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:  # doubled: the check digit will sit to the right
            value *= 2
            value = value - 9 if value > 9 else value
        total += value
    return (10 - total % 10) % 10


def normalise_number(number: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", str(number)).upper()


def make_reference(prefix: str, number: str) -> str:
    """E.g. make_reference("PC", "100042") == "PC-100042-1"."""
    number = normalise_number(number)
    if not number:
        raise ValueError("A number is needed for a transfer reference")
    return f"{prefix}-{number}-{luhn_check_digit(number)}"


def _pattern(prefix: str) -> re.Pattern[str]:
    # Spaces around the hyphens are tolerated: some banks' exports add them.
    return re.compile(
        rf"(?<![0-9A-Z]){re.escape(prefix)}\s*-\s*(?P<number>[0-9A-Z]+)\s*-\s*(?P<check>[0-9])"
        r"(?![0-9A-Z])"
    )


def parse_reference(prefix: str, reference: str) -> str | None:
    """The number in a reference that is exactly "<prefix>-<number>-<check>" (spaces and
    case ignored), or None if it is malformed or its check digit is wrong."""
    text = re.sub(r"\s", "", reference).upper()
    match = _pattern(prefix).fullmatch(text)
    if not match or luhn_check_digit(match["number"]) != int(match["check"]):
        return None
    return match["number"]


def find_reference(prefix: str, text: str) -> str | None:
    """The first valid "<prefix>-<number>-<check>" reference written anywhere in `text`
    (a bank statement's label: "VIR SEPA M DUPONT PS-12-5 PARTS"), or None."""
    for match in _pattern(prefix).finditer(text.upper()):
        if luhn_check_digit(match["number"]) == int(match["check"]):
            return f"{prefix}-{match['number']}-{match['check']}"
    return None
