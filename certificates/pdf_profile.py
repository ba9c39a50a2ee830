"""Which PDF standard the project's PDFs claim, and the few touches WeasyPrint leaves to us
(docs/decisions/0011-tagged-pdfs.md).

Every PDF the site makes (certificates, previews, module PDFs, learner records) is written
with WeasyPrint's `pdf/a-3a` variant: tagged (a structure tree in reading order, headings,
figures with their alternative text, `/Lang` from `<html lang>`, the title shown by the
reader through `ViewerPreferences/DisplayDocTitle`), fonts embedded, an sRGB output intent.
WeasyPrint writes the PDF/A identification only; `finish` adds the PDF/UA-1 one
(`pdfuaid:part`) to the same XMP packet, so that the file claims both PDF/A-3a and PDF/UA-1,
which it meets (the veraPDF tests check both).

No WeasyPrint import here: `rendering.py` and `module_pdf.py` pass these to `write_pdf`.
"""

from __future__ import annotations

PDF_VARIANT = "pdf/a-3a"
# What the test suite asks veraPDF to check (its `-f` flavours).
CLAIMED_FLAVOURS = ("3a", "ua1")

_UA_DESCRIPTION = (
    b'<rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="" '
    b'pdfuaid:part="1"/>'
)
# PDF/A requires every XMP property outside the standard schemas to be declared in an
# extension schema (ISO 19005-3, 6.6.2.3.1); pdfuaid is one of them.
_UA_EXTENSION_SCHEMA = (
    b'<rdf:Description rdf:about="" '
    b'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
    b'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
    b'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
    b'<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
    b"<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
    b"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    b'<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
    b"<pdfaProperty:name>part</pdfaProperty:name>"
    b"<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    b"<pdfaProperty:category>internal</pdfaProperty:category>"
    b"<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed"
    b"</pdfaProperty:description>"
    b"</rdf:li></rdf:Seq></pdfaSchema:property>"
    b"</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
)


class ProfileError(RuntimeError):
    """WeasyPrint wrote metadata this module does not recognise (a new WeasyPrint?)."""


def finish(document, pdf) -> None:
    """WeasyPrint's `finisher`: add the PDF/UA-1 identification to the XMP metadata that
    the `pdf/a-3a` variant wrote, before the file is serialised."""
    reference = pdf.catalog.get("Metadata")
    if reference is None:
        raise ProfileError("WeasyPrint wrote no XMP metadata; is the PDF variant set?")
    # pydyf references are bytes like b"91 0 R".
    number = reference.split()[0]
    stream = pdf.objects[int(number)]
    packet = b"".join(
        part if isinstance(part, bytes) else str(part).encode() for part in stream.stream
    )
    if b"</rdf:RDF>" not in packet:
        raise ProfileError("WeasyPrint's XMP metadata has no rdf:RDF element.")
    packet = packet.replace(
        b"</rdf:RDF>", _UA_DESCRIPTION + _UA_EXTENSION_SCHEMA + b"</rdf:RDF>", 1
    )
    stream.stream = [packet]


def write_options() -> dict:
    """The keyword arguments of `write_pdf` that make a file of this profile."""
    return {"pdf_variant": PDF_VARIANT, "finisher": finish}
