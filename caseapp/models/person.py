"""The young person and their histories. Age is computed from the date of birth, never stored."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseapp.models.base import Base, TimestampMixin, code
from caseapp.models.codes import (
    AccommodationType,
    CareLeaverCategory,
    DigitalAccess,
    EetStatus,
    ImmigrationStatus,
    NeedCategory,
    ReferralSource,
    RightToWork,
    Sex,
    SkillLevel,
)


class YoungPerson(TimestampMixin, Base):
    __tablename__ = "young_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    preferred_name: Mapped[str | None] = mapped_column(String(100))
    # The name as the young person writes it, in their own script (Tigrinya, Arabic, ...).
    own_script_name: Mapped[str | None] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[Sex | None] = mapped_column(code(Sex))
    # The council's child identifier, as used in the SSDA903 return.
    child_ref: Mapped[str | None] = mapped_column(String(20))
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"), index=True)
    pa_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"), index=True)

    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    safe_contact: Mapped[str | None] = mapped_column(String(500))  # safe ways and times

    referral_source: Mapped[ReferralSource | None] = mapped_column(code(ReferralSource))
    referral_date: Mapped[date | None] = mapped_column(Date)
    care_leaver_category: Mapped[CareLeaverCategory | None] = mapped_column(code(CareLeaverCategory))
    uasc: Mapped[bool] = mapped_column(Boolean, default=False)
    immigration_status: Mapped[ImmigrationStatus | None] = mapped_column(code(ImmigrationStatus))
    right_to_work: Mapped[RightToWork] = mapped_column(code(RightToWork), default=RightToWork.NOT_CHECKED)
    right_to_work_expiry: Mapped[date | None] = mapped_column(Date)
    right_to_work_checked_on: Mapped[date | None] = mapped_column(Date)
    no_recourse_to_public_funds: Mapped[bool] = mapped_column(Boolean, default=False)

    english_level: Mapped[SkillLevel | None] = mapped_column(code(SkillLevel))
    maths_level: Mapped[SkillLevel | None] = mapped_column(code(SkillLevel))
    esol_need: Mapped[bool] = mapped_column(Boolean, default=False)
    digital_access: Mapped[DigitalAccess | None] = mapped_column(code(DigitalAccess))

    sectors_of_interest: Mapped[list[str]] = mapped_column(JSON, default=list)
    aspirations: Mapped[str | None] = mapped_column(Text)
    strengths: Mapped[str | None] = mapped_column(Text)
    areas_can_reach: Mapped[list[str]] = mapped_column(JSON, default=list)
    places_not_safe: Mapped[list[str]] = mapped_column(JSON, default=list)

    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str | None] = mapped_column(String(300))

    eet_history: Mapped[list[EetStatusPeriod]] = relationship(
        back_populates="person", order_by="EetStatusPeriod.start_date", cascade="all, delete-orphan"
    )
    accommodation_history: Mapped[list[AccommodationPeriod]] = relationship(
        back_populates="person", order_by="AccommodationPeriod.start_date", cascade="all, delete-orphan"
    )
    needs: Mapped[list[SupportNeed]] = relationship(
        back_populates="person", order_by="SupportNeed.id", cascade="all, delete-orphan"
    )


class EetStatusPeriod(Base):
    """One spell of education, employment, training or NEET, from start to (exclusive) end."""

    __tablename__ = "eet_status_period"
    __table_args__ = (Index("ix_eet_status_period_person_start", "person_id", "start_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"))
    status: Mapped[EetStatus] = mapped_column(code(EetStatus))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    person: Mapped[YoungPerson] = relationship(back_populates="eet_history")


class AccommodationPeriod(Base):
    __tablename__ = "accommodation_period"
    __table_args__ = (Index("ix_accommodation_period_person_start", "person_id", "start_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"))
    type: Mapped[AccommodationType] = mapped_column(code(AccommodationType))
    suitable: Mapped[bool] = mapped_column(Boolean)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    person: Mapped[YoungPerson] = relationship(back_populates="accommodation_history")


class SupportNeed(TimestampMixin, Base):
    """A barrier or support need, with what helps; shared with an employer only by consent."""

    __tablename__ = "support_need"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"), index=True)
    category: Mapped[NeedCategory] = mapped_column(code(NeedCategory))
    description: Mapped[str] = mapped_column(String(1000))
    adjustments: Mapped[str | None] = mapped_column(String(1000))
    person: Mapped[YoungPerson] = relationship(back_populates="needs")
    consents: Mapped[list[Consent]] = relationship(
        back_populates="need", order_by="Consent.given_on", cascade="all, delete-orphan"
    )


class Consent(Base):
    """Consent to share one support need with an employer: given on a day, maybe withdrawn."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("support_need.id", ondelete="CASCADE"), index=True)
    given_on: Mapped[date] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(500))
    need: Mapped[SupportNeed] = relationship(back_populates="consents")
