"""Demo accounts from `content/people.yaml` (found by e-mail, so safe to re-run)."""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.services import set_certificate_names
from core import roles

from . import loader


@dataclass(frozen=True)
class Account:
    user: User
    role: str


@dataclass(frozen=True)
class People:
    password: str
    accounts: list[Account]  # the named accounts, in the order of people.yaml
    participants: list[User]


def seed_people() -> People:
    data = loader.read("people.yaml")
    password = data["password"]
    accounts = [_account(row, password) for row in data["accounts"]]
    ranks = data["participant_ranks"]
    participants = [
        _participant(row, rank=ranks[i % len(ranks)], password=password)
        for i, row in enumerate(data["participants"])
    ]
    return People(password=password, accounts=accounts, participants=participants)


def _account(row: dict, password: str) -> Account:
    user, is_new = User.objects.get_or_create(
        email=row["email"],
        defaults={
            "first_name": row["first_name"],
            "last_name": row["last_name"],
            "member_state": row["member_state"],
            "rank": row["rank"],
            "preferred_language": row["language"],
        },
    )
    if is_new:
        user.set_password(password)
        set_certificate_names(user=user, names=row.get("names", {}))
    if row["role"] == roles.ADMINISTRATORS:
        # The demo administrator may also manage users, groups and settings.
        user.is_superuser = True
        user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=row["role"]))
    return Account(user=user, role=row["role"])


def _participant(row: dict, *, rank: str, password: str) -> User:
    user, is_new = User.objects.get_or_create(
        email=f"participant.{row['member_state'].lower()}@missions.example.org",
        defaults={
            "first_name": row["first_name"],
            "last_name": row["last_name"],
            "member_state": row["member_state"],
            "rank": rank,
        },
    )
    if is_new:
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=roles.LEARNERS))
    return user
