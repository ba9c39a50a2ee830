"""A learner, a programme and a module in each of the six languages, for the tests and the
benches that print a certificate and a module PDF per language (tests/certificates/
test_six_languages.py, bench/certificates.py --languages, bench/module_pdf.py)."""

from __future__ import annotations

# language -> (learner's name, programme title, module title, a lesson paragraph)
SAMPLES: dict[str, tuple[str, str, str, str]] = {
    "en": (
        "H.E. Ms. Amina Diallo",
        "Policy and Training Programme for Ambassadors and Diplomats",
        "Module 1: The United Nations system",
        "The General Assembly is the main deliberative organ of the United Nations.",
    ),
    "fr": (
        "Hélène Côté-Lefèvre",
        "Programme de formation et de politique à l'intention des ambassadeurs et diplomates",
        "Module 1 : Le système des Nations Unies",
        "L'Assemblée générale est le principal organe délibérant de l'Organisation.",
    ),
    "ar": (
        "ليلى حداد",
        "برنامج التدريب والسياسات للسفراء والدبلوماسيين",
        "الوحدة 1: منظومة الأمم المتحدة",
        "الجمعية العامة هي الجهاز التداولي الرئيسي للأمم المتحدة.",
    ),
    "es": (
        "Excma. Sra. María José Núñez",
        "Programa de Formación y Políticas para Embajadores y Diplomáticos",
        "Módulo 1: El sistema de las Naciones Unidas",
        "La Asamblea General es el principal órgano deliberativo de las Naciones Unidas.",
    ),
    "ru": (
        "Анна Сергеевна Волкова",
        "Программа подготовки и политики для послов и дипломатов",
        "Модуль 1. Система Организации Объединенных Наций",
        "Генеральная Ассамблея является главным совещательным органом Организации.",
    ),
    "zh-hans": (
        "王丽华",
        "大使和外交官政策与培训方案",
        "第一单元：联合国系统",
        "大会是联合国的主要议事机构，由全体会员国组成，每个会员国有一个投票权。",
    ),
}


def certificate_content(language: str, *, name: str | None = None):
    """A certificate in `language` with its default wording, for the sample learner (or
    `name`), as `certificates.services` would fill it."""
    import datetime

    from certificates.rendering import CertificateContent
    from certificates.templating import fill_placeholders
    from certificates.wording import default_wording
    from core.dates import format_date

    learner, programme, module, _text = SAMPLES[language]
    learner = name or learner
    title, body = default_wording(language)
    starts, ends = datetime.date(2026, 3, 2), datetime.date(2026, 5, 29)
    return CertificateContent(
        language=language,
        learner_name=learner,
        programme_title=programme,
        cycle_title="PATIT 2026",
        cycle_code="PATIT-2026-3",
        starts_on=starts,
        ends_on=ends,
        completed_items=[module],
        serial="PATIT-2026-3-0007",
        verification_code="ABCD-EFGH-JKLM-NPQR-STUV",
        verify_url="https://lms.example.org/verify/",
        issued_on=datetime.date(2026, 6, 1),
        title=title,
        body=fill_placeholders(
            body,
            name=learner,
            programme=programme,
            cycle="PATIT 2026",
            start=format_date(starts, language),
            end=format_date(ends, language),
        ),
        signatories=[("Nikhil Seth", "Executive Director, UNITAR", None)],
    )
