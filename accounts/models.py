"""The user model: a diplomat, an instructor or an administrator, who logs in by e-mail.

The name fields are those a certificate needs: the name exactly as it must be printed, and
an optional spelling per language (`CertificateName`, one row per language, any language of
settings.LANGUAGES) for certificates in that language.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.member_states import CHOICES as MEMBER_STATE_CHOICES
from core.member_states import NAMES as MEMBER_STATE_NAMES
from core.validators import one_line


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
    # Names go into e-mail greetings, certificates and exports: one line each.
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[one_line]
    )
    last_name = models.CharField(_("last name"), max_length=150, blank=True, validators=[one_line])
    certificate_name = models.CharField(
        _("name on certificates"),
        max_length=200,
        blank=True,
        validators=[one_line],
        help_text=_(
            "Exactly as it must be printed, with titles and accents. "
            "Leave blank to use the first and last name."
        ),
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
        # Lists of people in that order read it from the index instead of sorting everyone:
        # the progress matrix's first page of a 2,000-learner cycle walks 50 names.
        indexes = [models.Index(fields=ordering, name="user_name_order")]
        # Acts on people that are not editing an account (people/); held by Administrators
        # (granted by migration 0006), grantable to any group.
        permissions = [
            ("export_personal_data", _("Can export a person's personal data")),
            ("erase_personal_data", _("Can erase a person's personal data")),
            ("import_participants", _("Can import participant lists")),
        ]

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
        # In the active language; str() so that exports and sorting get text, not a proxy.
        return str(MEMBER_STATE_NAMES.get(self.member_state, ""))

    def name_for_certificate(self, language: str = "en") -> str:
        """The name to print on a certificate in `language`, falling back to the main one."""
        return (
            self.certificate_names_by_language().get(language)
            or self.certificate_name
            or self.get_full_name()
            or self.email
        )

    def certificate_names_by_language(self) -> dict[str, str]:
        """{language: spelling} of the profile's certificate names; reads the prefetched
        rows when the caller prefetched `certificate_names`, so lists cost no query each."""
        if self.pk is None:
            return {}
        return {row.language: row.name for row in self.certificate_names.all()}


class CertificateName(models.Model):
    """How a person's name is spelt on certificates in one language (one row per language):
    a language is a row, not a column, so a language added to settings.LANGUAGES needs no
    migration of the user table."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificate_names",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    name = models.CharField(_("name"), max_length=200, validators=[one_line])

    class Meta:
        verbose_name = _("name on certificates in a language")
        verbose_name_plural = _("names on certificates in a language")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "language"], name="one_certificate_name_per_language"
            ),
        ]

    def __str__(self):
        return f"{self.language}: {self.name}"


class ProfileChangeRequest(models.Model):
    """A learner's request to change a verified fact (rank, Member State).

    These facts decide waitlist order and whether the seminar is required, so a learner
    cannot change them directly: an administrator approves or refuses the request.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an administrator")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("user"),
    )
    rank = models.CharField(_("title or rank"), max_length=32, choices=Rank.choices)
    member_state = models.CharField(
        _("Member State or organisation"), max_length=3, choices=MEMBER_STATE_CHOICES
    )
    previous_rank = models.CharField(_("previous rank"), max_length=32, blank=True)
    previous_member_state = models.CharField(_("previous Member State"), max_length=3, blank=True)
    note = models.TextField(_("note for the administrator"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("profile change request")
        verbose_name_plural = _("profile change requests")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("decide_profilechangerequest", _("Can approve or refuse profile change requests"))
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_change_request_per_user",
                violation_error_message=_("You already have a change waiting for approval."),
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_rank_display()} · {self.member_state}"

    @property
    def rank_label(self) -> str:
        return Rank(self.rank).label if self.rank in Rank.values else self.rank

    @property
    def member_state_name(self) -> str:
        return MEMBER_STATE_NAMES.get(self.member_state, self.member_state)


class Invitation(models.Model):
    """A single-use, expiring link that lets a new participant set their password.

    Only a hash of the token is stored: a leaked database does not hand out accounts. The
    link is used once (a conditional UPDATE claims it) and lapses after `expires_at`.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("invitee"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d}"


class AccountThrottle(models.Model):
    """Wrong passwords given for one account from any addresses (accounts/login_guard.py).
    django-axes counts per (account, address); this row catches guesses spread over many
    addresses. Kept by the e-mail typed (lower case), whether or not an account has it,
    so that the answer does not tell which addresses have one."""

    username = models.CharField(_("e-mail typed"), max_length=255, unique=True)
    failures = models.PositiveIntegerField(_("wrong passwords"), default=0)
    last_failure_at = models.DateTimeField(_("last wrong password"))
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    # A keyed digest of the password hash when the lock was set: a new password (the
    # reset link, which proves the mailbox) lifts the lock at once.
    password_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("account sign-in throttle")
        verbose_name_plural = _("account sign-in throttles")

    def __str__(self):
        return self.username
