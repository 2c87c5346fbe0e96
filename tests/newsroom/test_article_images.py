"""Pictures in a story's body: uploaded through the admin with their alt text, embedded as {{ image N }},
rendered as a figure with every word the editor typed escaped."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from newsroom.embedded import embed_errors
from newsroom.models import ArticleImage
from newsroom.pages.embeds import BodyEmbeds
from newsroom.rendering import render_body
from newsroom.roles import EDITOR, WRITER
from tests import factories

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(buffer, format="PNG")
    return SimpleUploadedFile("flick.png", buffer.getvalue(), content_type="image/png")


def staff(django_user_model, name: str, role: str):
    user = django_user_model.objects.create_user(name, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_a_writer_uploads_a_picture_with_its_alt_text_and_is_given_its_line(client, django_user_model):
    client.force_login(staff(django_user_model, "writer", WRITER))
    article = factories.ArticleFactory()

    response = client.post(
        reverse("admin:newsroom_articleimage_add"),
        {"article": article.pk, "image": png(), "alt": "Hansi Flick on the touchline", "caption": "", "credit": ""},
    )

    assert response.status_code == 302
    image = ArticleImage.objects.get()
    page = client.get(reverse("admin:newsroom_articleimage_change", args=[image.pk])).content.decode()
    assert f"{{{{ image {image.pk} }}}}" in page


def test_a_picture_without_alt_text_is_a_form_error(client, django_user_model):
    client.force_login(staff(django_user_model, "writer", WRITER))
    article = factories.ArticleFactory()

    response = client.post(
        reverse("admin:newsroom_articleimage_add"), {"article": article.pk, "image": png(), "alt": "  "}
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not ArticleImage.objects.exists()


def test_a_writer_cannot_change_the_picture_of_a_published_story_an_editor_can(client, django_user_model):
    live = factories.ArticleFactory(published=True)
    image = ArticleImage.objects.create(article=live, image=png(), alt="Before")
    url = reverse("admin:newsroom_articleimage_change", args=[image.pk])
    data = {"article": live.pk, "alt": "After", "caption": "", "credit": ""}

    client.force_login(staff(django_user_model, "writer", WRITER))
    client.post(url, data)
    image.refresh_from_db()
    assert image.alt == "Before"

    client.force_login(staff(django_user_model, "editor", EDITOR))
    assert client.post(url, data).status_code == 302
    image.refresh_from_db()
    assert image.alt == "After"


def test_an_embedded_picture_renders_as_a_figure_with_its_words_escaped():
    article = factories.ArticleFactory()
    image = ArticleImage.objects.create(
        article=article, image=png(), alt='Flick "smiles" <script>', caption="<b>Caption</b>", credit="Photo: X"
    )
    body = f"Before.\n\n{{{{ image {image.pk} }}}}\n\nAfter."

    html = render_body(body, BodyEmbeds(body).html())

    assert f'<img src="{image.image.url}" alt="Flick &quot;smiles&quot; &lt;script&gt;"' in html
    assert "&lt;b&gt;Caption&lt;/b&gt;" in html and "Photo: X" in html
    assert "<script>" not in html


def test_an_image_that_is_not_there_is_an_error_naming_its_line():
    [error] = embed_errors("Text.\n\n{{ image 999 }}")
    assert str(error) == "Line 3: there is no image 999"
