"""The e-mail announcing a published assembly, sent by the task queue to each member
once: a notice row (unique per assembly and member) is written in the same transaction
as the message is queued, so running the task again sends nothing more."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from ..models import Member
from .models import Assembly, AssemblyNotice


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def notify_assembly_published(assembly_id: int) -> int:
    """E-mail every current member about the assembly; returns how many were sent now."""
    assembly = Assembly.objects.filter(pk=assembly_id, published_at__isnull=False).first()
    if assembly is None:
        return 0
    sent = 0
    members = Member.objects.filter(left_at__isnull=True).select_related("user").order_by("pk")
    for member in members:
        if AssemblyNotice.objects.filter(assembly=assembly, member=member).exists():
            continue
        try:
            with transaction.atomic():
                AssemblyNotice.objects.create(assembly=assembly, member=member)
                _send(assembly, member)
        except IntegrityError:
            continue  # another run of the task sent it meanwhile
        sent += 1
    return sent


def _send(assembly: Assembly, member: Member) -> None:
    context = {
        "assembly": assembly,
        "member": member,
        "url": _absolute(reverse("cooperative:assembly", kwargs={"pk": assembly.pk})),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("cooperative/assemblies/email/published_subject.txt", context)
        body = render_to_string("cooperative/assemblies/email/published_body.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[member.user.email]).send()
