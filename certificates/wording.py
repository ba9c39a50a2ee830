"""The words of a certificate: the programme's template in the language, or the default."""

from django.utils.translation import gettext_lazy as _

DEFAULT_WORDING = {
    "en": (
        "Certificate of completion",
        "This is to certify that {name} has successfully completed the {programme}, "
        "{cycle}, held from {start} to {end}.",
    ),
    "fr": (
        "Certificat de réussite",
        "Il est certifié que {name} a suivi avec succès le {programme}, {cycle}, "
        "qui s'est tenu du {start} au {end}.",
    ),
    "ar": (
        "شهادة إتمام",
        "يشهد بأن {name} قد أتمّ بنجاح {programme}، {cycle}، المنعقد في الفترة من {start} "
        "إلى {end}.",
    ),
}

DEFAULT_SIGNATORIES = [
    ("Executive Director", _("Executive Director, UNITAR")),
]

SEMINAR_LABEL = {
    "en": "Seminar on policy awareness and information security (attended)",
    "fr": "Séminaire sur les politiques et la sécurité de l'information (suivi)",
    "ar": "الحلقة الدراسية حول السياسات وأمن المعلومات (حضور)",
}
