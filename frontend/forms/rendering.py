"""Form rendering: Django 5.2 already links errors and help texts via aria-describedby and
sets aria-invalid; our templates only add layout and a visible "Pflichtfeld" marker."""

from django.forms.renderers import DjangoTemplates


class BarrierefreierRenderer(DjangoTemplates):
    form_template_name = "frontend/forms/form.html"
    field_template_name = "frontend/forms/field.html"
