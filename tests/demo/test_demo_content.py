"""The demo's data files (`demo/content/`) hold together, checked without a database so
that a mistake in a YAML file is named before `seed_demo` stumbles on it."""

from core import languages
from demo import loader


def _emails() -> set[str]:
    people = loader.read("people.yaml")
    named = {account["email"] for account in people["accounts"]}
    participants = {
        f"participant.{row['member_state'].lower()}@missions.example.org"
        for row in people["participants"]
    }
    return named | participants


def test_programme_files_are_numbered_as_their_modules():
    programmes = loader.programmes()
    assert [p["slug"] for p in programmes] == ["patit", "web-workshop"]
    for programme in programmes:
        numbers = [module["number"] for module in programme["modules"]]
        assert numbers == list(range(1, len(numbers) + 1)), programme["slug"]
        slugs = [lesson["slug"] for m in programme["modules"] for lesson in m["lessons"]]
        assert len(slugs) == len(set(slugs)), programme["slug"]


def test_every_knowledge_check_names_a_choice_that_exists():
    for programme in loader.programmes():
        for module in programme["modules"]:
            for question in module.get("knowledge_check", {}).get("questions", []):
                assert 0 <= question["correct"] < len(question["choices"]), question["text"]


def test_cycles_name_people_of_the_demo_and_each_learner_once_per_cycle():
    emails = _emails()
    for cycle in loader.read("cycles.yaml")["cycles"]:
        applicants = cycle["applicants"]
        assert set(applicants) <= emails, cycle["code"]
        assert len(applicants) == len(set(applicants)), cycle["code"]
        assert cycle["instructor"] in emails, cycle["code"]
        assert cycle["story"] in {"finished", "running", "oversubscribed"}, cycle["code"]


def test_signatories_for_every_certificate_language():
    signatories = loader.read("certificates.yaml")["signatories"]
    # Every language with its certificate wording has the demo's signatories too.
    assert set(signatories) >= set(languages.complete())
    assert all(len(people) >= 1 for people in signatories.values())
