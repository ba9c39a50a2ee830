"""What the API answers: pydantic schemas, which also make the OpenAPI document.

Plain pydantic models, not ninja's `Schema`: the endpoints hand over dicts they built, so
ninja's per-object wrapper for reading ORM attributes would only cost time (a third of a
50-row page's)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    count: int = Field(description="Rows in the whole list.")
    limit: int
    offset: int
    next: str | None = Field(description="The next page's URL; null on the last page.")
    items: list[T]


class Error(BaseModel):
    detail: str


class Programme(BaseModel):
    id: int
    title: str
    short_title: str
    intro: str
    languages: list[str]
    url: str


class Cycle(BaseModel):
    id: int
    code: str
    title: str
    programme_id: int
    starts_on: date
    ends_on: date
    applications_open_at: datetime
    applications_close_at: datetime
    policy: str = Field(description="Waitlist order: fifo, seniority or mission_balance.")
    capacity: int
    seats_taken: int = Field(description="Offered, enrolled and completed learners.")
    waitlist_length: int
    cancelled: bool
    closed: bool


class Person(BaseModel):
    id: int
    email: str
    first_name: str
    last_name: str
    member_state: str = Field(description="ISO 3166 alpha-3 code.")
    rank: str


class Progress(BaseModel):
    percent: int
    lessons_done: int
    lessons_total: int
    seminar_attended: bool | None = Field(description="null: not recorded.")


class CertificateRef(BaseModel):
    serial: str
    code: str
    status: str
    verify_url: str


class Enrollment(BaseModel):
    id: int
    cycle: str = Field(description="The cycle's code.")
    learner: Person
    status: str
    outcome: str | None = Field(
        description="The final status (completed, not_completed, not_admitted, withdrawn, "
        "expired); null while the enrollment is unfinished."
    )
    applied_at: datetime
    seated_at: datetime | None
    completed_at: datetime | None
    offer_expires_at: datetime | None
    waitlist_position: int | None = Field(description="1 is next; null unless waitlisted.")
    progress: Progress | None
    certificate: CertificateRef | None


class Certificate(BaseModel):
    id: int
    serial: str
    code: str
    status: str = Field(description="pending, issued, failed or revoked.")
    verify_url: str
    language: str
    issued_at: datetime | None
    revoked_at: datetime | None
    cycle: str
    learner_id: int
    printed_name: str


class RecordEntry(BaseModel):
    cycle: str
    cycle_title: str
    starts_on: date
    ends_on: date
    status: str
    outcome: str | None
    applied_at: datetime
    completed_at: datetime | None
    certificates: list[CertificateRef]


class LearnerRecord(Person):
    cycles: list[RecordEntry] = Field(description="Every cycle of the learner you may read.")
