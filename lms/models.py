"""The user model: a diplomat, an instructor or an administrator, who logs in by e-mail.

The name fields are those a certificate needs: the name exactly as it must be printed, and
optional spellings in Arabic and French for certificates in those languages.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .member_states import CHOICES as MEMBER_STATE_CHOICES
from .member_states import NAMES as MEMBER_STATE_NAMES


class Rank(models.TextChoices):
    AMBASSADOR = "ambassador", _("Ambassador / Head of mission")
    DEPUTY = "deputy", _("Deputy permanent representative")
    MINISTER_COUNSELLOR = "minister_counsellor", _("Minister-counsellor")
    COUNSELLOR = "counsellor", _("Counsellor")
    FIRST_SECRETARY = "first_secretary", _("First secretary")
    SECOND_SECRETARY = "second_secretary", _("Second secretary")
    THIRD_SECRETARY = "third_secretary", _("Third secretary")
    ATTACHE = "attache", _("Attaché")
    OTHER = "other", _("Other staff")


# Ranks the seminar is intended for primarily (source report, paragraph 3); also the
# ranks that the `seniority` waitlist policy puts first.
SENIOR_RANKS = frozenset({Rank.AMBASSADOR, Rank.DEPUTY, Rank.MINISTER_COUNSELLOR})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(_("An e-mail address is required."))
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError(_("A superuser must have is_staff and is_superuser set."))
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # E-mail addresses are stored in lower case, so logins are case-insensitive.
        return self.get(**{self.model.USERNAME_FIELD: username.lower()})


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    certificate_name = models.CharField(
        _("name on certificates"),
        max_length=200,
        blank=True,
        help_text=_(
            "Exactly as it must be printed, with titles and accents. "
            "Leave blank to use the first and last name."
        ),
    )
    certificate_name_ar = models.CharField(
        _("name in Arabic script"), max_length=200, blank=True
    )
    certificate_name_fr = models.CharField(
        _("name as spelled in French"), max_length=200, blank=True
    )
    member_state = models.CharField(
        _("Member State or organisation"),
        max_length=3,
        choices=MEMBER_STATE_CHOICES,
        blank=True,
        help_text=_("The mission or organisation the participant represents."),
    )
    rank = models.CharField(
        _("title or rank"), max_length=32, choices=Rank.choices, default=Rank.OTHER
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Used for the interface, e-mails and certificates."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").lower()
        super().save(*args, **kwargs)

    @property
    def is_senior(self) -> bool:
        return self.rank in SENIOR_RANKS

    @property
    def member_state_name(self) -> str:
        return MEMBER_STATE_NAMES.get(self.member_state, "")

    def name_for_certificate(self, language: str = "en") -> str:
        """The name to print on a certificate in `language`, falling back to the main one."""
        localised = {"ar": self.certificate_name_ar, "fr": self.certificate_name_fr}
        return (
            localised.get(language)
            or self.certificate_name
            or self.get_full_name()
            or self.email
        )
