from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    # Printed on every certificate: keep these two stable.
    path("verify/", views.verify_form, name="verify"),
    # Before verify/<code>/, which would take "file" for a code.
    path("verify/file/", views.verify_file, name="verify_file"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path("certificates/", views.my_certificates, name="mine"),
    path("certificates/<str:serial>/download/", views.download, name="download"),
    path("modules/<int:module_id>/download/", views.module_pdf, name="module_pdf"),
    # Open Badges 3.0: the learner's credential, and what verifiers fetch (public).
    path("certificates/<str:serial>/badge/", views.badge, name="badge"),
    path("badges/issuer/", views.badge_issuer, name="badge_issuer"),
    path("badges/jwks.json", views.badge_jwks, name="badge_jwks"),
    path("badges/status/revocation/", views.badge_status_list, name="badge_status_list"),
    # The learner's record of every cycle (a focal point's copy is under /mission/).
    path("certificates/record.pdf", views.my_record, {"fmt": "pdf"}, name="my_record_pdf"),
    path("certificates/record.json", views.my_record, {"fmt": "json"}, name="my_record_json"),
]
