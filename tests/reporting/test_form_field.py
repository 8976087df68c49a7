"""includes/form_field.html: DKFDS markup and accessible descriptions for any Django field."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string

from tests.reporting.pages import Page


class SampleForm(forms.Form):
    name = forms.CharField(label="Navn", help_text="Som i folkeregistret.")
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(label="Type", choices=[("a", "A"), ("b", "B")])
    channel = forms.ChoiceField(
        label="Kanal", choices=[("tlf", "Telefon"), ("mail", "E-mail")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="Jeg er enig")


def render(form: forms.Form) -> Page:
    html = "".join(render_to_string("includes/form_field.html", {"field": field}) for field in form)
    return Page(
        f"<main>{render_to_string('includes/error_summary.html', {'form': form})}{html}</main>"
    )


def test_fields_get_dkfds_classes_labels_and_hints() -> None:
    page = render(SampleForm())
    (name,) = page.find("input", id="id_name")
    assert name["class"] == "form-input"
    assert name["aria-describedby"] == "id_name-hint"
    assert page.find("div", class_="form-hint", id="id_name-hint")
    assert page.find("label", class_="form-label", for_="id_name")
    assert page.find("textarea", id="id_note", class_="form-input")
    assert page.find("select", id="id_kind", class_="form-select")
    assert page.find("input", id="id_agree", class_="form-checkbox")
    radios = page.find("input", type="radio", class_="form-radio")
    assert {r["id"] for r in radios} == {"id_channel_0", "id_channel_1"}
    assert page.find("legend")
    assert page.find("label", for_="id_channel_1")
    assert "(frivilligt)" in page.text  # the optional note says so


def test_errors_are_described_marked_and_summarised() -> None:
    form = SampleForm(data={"kind": "a"})
    assert not form.is_valid()
    page = render(form)
    (name,) = page.find("input", id="id_name")
    assert name["aria-invalid"] == "true"
    assert name["aria-describedby"] == "id_name-hint id_name-error"
    assert page.find("span", class_="form-error-message", id="id_name-error")
    assert page.find("div", class_="form-group form-error")
    assert page.find("div", data_module="error-summary")
    assert {"#id_name", "#id_channel_0", "#id_agree"} <= set(page.main_links)
