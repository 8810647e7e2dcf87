"""Demo accounts: one per role, with verified e-mail addresses, and plain members.

The passwords are public (printed by `load_demo` and written in the README): these
accounts exist for demonstrations and must never be loaded on a public server.
Loading is idempotent: users are keyed on their e-mail address.
"""

from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.utils.text import slugify

from community.models import User
from shop.demo import Partner, upsert

DEMO_DOMAIN = "paniercommun.test"
EDUCATORS_GROUP = "Éducateurs"
FACILITATORS_GROUP = "Animateurs"
#: The producer whose catalogue the demo producer account manages.
DEMO_PRODUCER_SLUG = "cooperative-fruitiere-du-diois"


class DemoAccount(NamedTuple):
    role: str
    email: str
    password: str
    first_name: str
    last_name: str


CONSUMER = DemoAccount(
    "consumer", f"consommatrice@{DEMO_DOMAIN}", "demo-consommatrice", "Léa", "Moreau"
)
PRODUCER = DemoAccount(
    "producer", f"producteur@{DEMO_DOMAIN}", "demo-producteur", "Mathieu", "Faure"
)
COORDINATOR = DemoAccount(
    "group coordinator", f"coordinatrice@{DEMO_DOMAIN}", "demo-coordinatrice", "Nadia", "Benali"
)
EDUCATOR = DemoAccount("educator", f"educateur@{DEMO_DOMAIN}", "demo-educateur", "Thomas", "Roux")
FACILITATOR = DemoAccount(
    "facilitator", f"animatrice@{DEMO_DOMAIN}", "demo-animatrice", "Claire", "Vincent"
)
STAFF_ADMIN = DemoAccount(
    "staff admin", f"admin@{DEMO_DOMAIN}", "demo-administrateur", "Sam", "Garnier"
)
DEMO_ACCOUNTS = (CONSUMER, PRODUCER, COORDINATOR, EDUCATOR, FACILITATOR, STAFF_ADMIN)

#: Plain members of the demo buying group; they have no usable password.
MEMBER_NAMES = (
    ("Julien", "Bernard"),
    ("Sophie", "Lambert"),
    ("Karim", "Haddad"),
    ("Émilie", "Girard"),
    ("Antoine", "Chevalier"),
    ("Fatou", "Diallo"),
    ("Lucas", "Bonnet"),
    ("Inès", "Rousseau"),
    ("Pierre", "Arnaud"),
    ("Marion", "Blanc"),
)


def member_email(first_name: str, last_name: str) -> str:
    return f"{slugify(first_name)}.{slugify(last_name)}@{DEMO_DOMAIN}"


MEMBER_EMAILS = tuple(member_email(first, last) for first, last in MEMBER_NAMES)


def permission(natural_key: str) -> Permission:
    """A permission from its "app_label.codename" name."""
    app_label, codename = natural_key.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_member(
    email: str,
    first_name: str,
    last_name: str,
    *,
    password: str | None = None,
    is_admin: bool = False,
) -> User:
    """A member with a verified primary e-mail; the demo password is reset if it changed."""
    user, created = upsert(
        User,
        {"email": email},
        {
            "first_name": first_name,
            "last_name": last_name,
            "is_active": True,
            "is_staff": is_admin,
            "is_superuser": is_admin,
        },
    )
    if password is None:
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    elif created or not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    upsert(EmailAddress, {"user": user, "email": email}, {"verified": True, "primary": True})
    return user


def ensure_group(name: str, permissions: tuple[str, ...] = ()) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(*(permission(natural_key) for natural_key in permissions))
    return group


def load_community_demo() -> dict[str, User]:
    """Create the role accounts and plain members. Returns users by role (and e-mail)."""
    users = {
        account.role: ensure_member(
            account.email,
            account.first_name,
            account.last_name,
            password=account.password,
            is_admin=account is STAFF_ADMIN,
        )
        for account in DEMO_ACCOUNTS
    }
    for (first_name, last_name), email in zip(MEMBER_NAMES, MEMBER_EMAILS, strict=True):
        users[email] = ensure_member(email, first_name, last_name)

    producer_user = users[PRODUCER.role]
    Partner.objects.get(slug=DEMO_PRODUCER_SLUG).users.add(producer_user)
    producer_user.user_permissions.add(permission("partner.dashboard_access"))

    # Page permissions on the education section are granted by cms.demo, which owns it.
    users[EDUCATOR.role].groups.add(ensure_group(EDUCATORS_GROUP, ("wagtailadmin.access_admin",)))
    users[FACILITATOR.role].groups.add(
        ensure_group(FACILITATORS_GROUP, ("impact.review_claims", "community.facilitate"))
    )
    return users
