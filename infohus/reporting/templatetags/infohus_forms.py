"""Render Django form widgets with DKFDS classes and accessible descriptions.

Used by templates/includes/form_field.html (and through it by the allauth
element overrides). A template cannot add attributes to a widget, so these
filters do it: the DKFDS class, ``aria-describedby`` pointing at the hint and
the error message, ``aria-invalid`` when the field has errors. Placeholders
are dropped: DKFDS uses visible labels and hints instead.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django import template
from django.forms import BoundField, Widget
from django.forms.boundfield import BoundWidget
from django.utils.safestring import SafeString

register = template.Library()

# widget_type (Django's lower-cased widget class name without "input"/"widget") → DKFDS class.
_WIDGET_CLASSES = {
    "select": "form-select",
    "selectmultiple": "form-select",
    "nullbooleanselect": "form-select",
    "checkbox": "form-checkbox",
    "checkboxselectmultiple": "form-checkbox",
    "radioselect": "form-radio",
    "textarea": "form-input",
    "clearablefile": "form-file-input",
    "file": "form-file-input",
}
_CHOICE_TYPES = frozenset({"radioselect", "checkboxselectmultiple"})


def hint_id(field: BoundField) -> str:
    return f"{field.auto_id}-hint"


def error_id(field: BoundField) -> str:
    return f"{field.auto_id}-error"


def _widget_without_placeholder(field: BoundField) -> Widget:
    widget: Widget = copy.copy(field.field.widget)
    widget.attrs = {k: v for k, v in widget.attrs.items() if k != "placeholder"}
    return widget


def _attrs(field: BoundField, *, with_description: bool = True) -> dict[str, str | bool]:
    css = _WIDGET_CLASSES.get(field.widget_type, "form-input")
    existing = field.field.widget.attrs.get("class", "")
    attrs: dict[str, str | bool] = {"class": f"{existing} {css}".strip()}
    if with_description:
        described_by = []
        if field.help_text:
            described_by.append(hint_id(field))
        if field.errors:
            described_by.append(error_id(field))
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.widget_type == "text" and field.name == "code":
        # One-time and recovery codes are digits: a short field and a numeric keypad on
        # phones (the value stays text: leading zeros matter).
        attrs["class"] = f"{attrs['class']} input-width-s"
        attrs["inputmode"] = "numeric"
    return attrs


@register.filter
def dkfds_widget(field: BoundField) -> SafeString:
    """The field's widget with DKFDS classes and ARIA attributes."""
    html: SafeString = field.as_widget(
        widget=_widget_without_placeholder(field), attrs=_attrs(field)
    )
    return html


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    tag: SafeString


@register.filter
def dkfds_choices(field: BoundField) -> list[Choice]:
    """The options of a radio or checkbox group, each an input with the DKFDS class."""
    if field.widget_type not in _CHOICE_TYPES:
        return []
    widget = _widget_without_placeholder(field)
    widget.attrs.update(_attrs(field, with_description=False))
    choices = []
    for data in widget.subwidgets(field.html_name, field.value(), {"id": field.auto_id}):
        option = BoundWidget(widget, data, field.form.renderer)
        choices.append(
            Choice(
                id=option.id_for_label,
                label=str(option.choice_label),
                tag=option.tag(wrap_label=False),
            )
        )
    return choices


@register.filter
def is_choice_group(field: BoundField) -> bool:
    return field.widget_type in _CHOICE_TYPES
