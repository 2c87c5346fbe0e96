"""Slugs are unique by construction: a blank slug becomes name, name-2, name-3 ..., whoever saves the row."""

import pytest
from django.urls import reverse

from matches.models import Club, Venue
from newsroom.models import Author, Section, Tag
from people.models import Person

pytestmark = pytest.mark.django_db

# Names that are unique where the model says so, yet make the same slug.
SAME_SLUG_NAMES = ["Real Madrid", "Real Madrid!", "Real-Madrid"]
NAMED_MODELS = [Club, Venue, Person, Author, Tag, Section]


def admin_url(model: type, view: str) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


@pytest.mark.parametrize("model", NAMED_MODELS, ids=lambda m: m.__name__)
def test_rows_whose_names_make_one_slug_get_numbered_slugs(model):
    slugs = [model.objects.create(name=name).slug for name in SAME_SLUG_NAMES]

    assert slugs == ["real-madrid", "real-madrid-2", "real-madrid-3"]


@pytest.mark.parametrize("model", [Person, Author], ids=lambda m: m.__name__)
def test_two_people_with_one_name_both_save(model):
    first, second = model.objects.create(name="Ana López"), model.objects.create(name="Ana López")

    assert (first.slug, second.slug) == ("ana-lopez", "ana-lopez-2")


@pytest.mark.parametrize("model", NAMED_MODELS, ids=lambda m: m.__name__)
def test_a_numbered_slug_still_fits_the_field(model):
    max_length = model._meta.get_field("slug").max_length
    model.objects.create(name="x" * (max_length - 2) + " y")

    second = model.objects.create(name="x" * (max_length - 2) + "-y")

    assert len(second.slug) <= max_length
    assert second.slug.endswith("-2")
    assert "--" not in second.slug


@pytest.mark.parametrize("name", ["!!!", "Реал Мадрид", "皇家马德里"])
def test_a_name_that_slugifies_to_nothing_still_gets_a_slug(name):
    first = Person.objects.create(name=name)
    second = Person.objects.create(name=name)

    assert (first.slug, second.slug) == ("person", "person-2")
    assert first.get_absolute_url() == "/people/person/"


def test_a_typed_slug_is_kept():
    assert Person.objects.create(name="Xabi Alonso", slug="xabi").slug == "xabi"


def test_saving_again_keeps_the_slug():
    person = Person.objects.create(name="Ana López")
    person.name = "Ana López García"
    person.save()

    person.refresh_from_db()
    assert person.slug == "ana-lopez"


def test_a_numbered_slug_stays_within_the_field():
    Club.objects.create(name="a" * 100)

    club = Club.objects.create(name="A" * 100)  # as the importer creates clubs: no slug given

    assert club.slug == "a" * 98 + "-2"


# What each add form needs besides a name and a slug.
FORM_EXTRAS = {
    Club: {"country": "ESP"},
    Venue: {},
    Person: {"aliases": "[]"},
    Author: {},
    Tag: {},
    Section: {"order": "0"},
}


def add_form_data(admin_client, model: type, **fields: str) -> dict[str, str]:
    """The add form's POST body: the given fields, and empty inline formsets."""
    page = admin_client.get(admin_url(model, "add"))
    data = {**FORM_EXTRAS[model], **fields}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


@pytest.mark.parametrize("model", NAMED_MODELS, ids=lambda m: m.__name__)
def test_the_admin_fills_a_slug_left_blank_even_when_the_name_makes_one_already_taken(admin_client, model):
    for name in SAME_SLUG_NAMES[:2]:
        response = admin_client.post(admin_url(model, "add"), add_form_data(admin_client, model, name=name, slug=""))
        assert response.status_code == 302, response.context["adminform"].form.errors

    assert sorted(model.objects.values_list("slug", flat=True)) == ["real-madrid", "real-madrid-2"]


@pytest.mark.parametrize("model", [Person, Author], ids=lambda m: m.__name__)
def test_the_admin_adds_two_people_of_one_name(admin_client, model):
    for _ in range(2):
        data = add_form_data(admin_client, model, name="Ana López", slug="")
        assert admin_client.post(admin_url(model, "add"), data).status_code == 302

    assert sorted(model.objects.values_list("slug", flat=True)) == ["ana-lopez", "ana-lopez-2"]


@pytest.mark.parametrize("model", NAMED_MODELS, ids=lambda m: m.__name__)
def test_a_duplicate_slug_typed_in_the_admin_is_a_form_error(admin_client, model):
    model.objects.create(name="Real Madrid", slug="real-madrid")

    data = add_form_data(admin_client, model, name="Real Madrid!", slug="real-madrid")
    response = admin_client.post(admin_url(model, "add"), data)

    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert model.objects.count() == 1
