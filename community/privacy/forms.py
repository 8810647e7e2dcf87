"""The confirmation forms of the data rights pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from community.models import User


class EraseOwnAccountForm(forms.Form):
    """The member confirms with their password: a borrowed session is not enough."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to confirm.")},
    )

    def __init__(self, *args: Any, member: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(_("This password is not the right one."), code="wrong")
        return password


class StaffRequestForm(forms.Form):
    """Staff act on a member's request: which one (a reference staff can find again)."""

    reason = forms.CharField(
        label=_("The member's request"),
        max_length=500,
        help_text=_("How and when the member asked (e.g. e-mail of 3 March to the office)."),
        widget=forms.TextInput,
        error_messages={"required": _("Say which request of the member this answers.")},
    )


class StaffEraseForm(StaffRequestForm):
    """Staff type the member's e-mail address to confirm which account goes."""

    confirm_email = forms.CharField(
        label=_("The member's e-mail address, to confirm"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Type the member's e-mail address to confirm.")},
    )

    def __init__(self, *args: Any, member: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_confirm_email(self) -> str:
        typed = self.cleaned_data["confirm_email"].strip()
        if typed.casefold() != self.member.email.casefold():
            raise forms.ValidationError(
                _("This is not the e-mail address of this member's account."), code="mismatch"
            )
        return typed


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=_("E-mail address, name or member number"), max_length=254, required=False
    )
