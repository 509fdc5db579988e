"""The case summary's sections: kept free of ReportLab so the command line can list them cheaply."""

from __future__ import annotations

from caseapp.models.codes import LabelledEnum


class Section(LabelledEnum):
    PROFILE = "profile", "Profile"
    PATHWAY = "pathway", "Pathway"
    CHECK_INS = "check-ins", "Check-ins"
    VETTING = "vetting", "Vetting"
    SUPPORT = "support", "Support and consent"
    HAND_OFFS = "hand-offs", "Hand-offs and disclosures"


ALL_SECTIONS: tuple[Section, ...] = tuple(Section)
