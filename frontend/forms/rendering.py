"""Form rendering: Django 5.2 already links errors and help texts via aria-describedby and
sets aria-invalid; our templates only add layout, a visible "Pflichtfeld" marker, an error
summary and a German empty choice instead of Django's "---------"."""

from django.forms.renderers import DjangoTemplates

# Django's own widget templates that the product replaces.
# The option template is included by select.html itself, so select.html is replaced too.
ERSATZ = {
    "django/forms/widgets/select.html": "frontend/forms/select.html",
    "django/forms/widgets/select_option.html": "frontend/forms/select_option.html",
}


class BarrierefreierRenderer(DjangoTemplates):
    form_template_name = "frontend/forms/form.html"
    field_template_name = "frontend/forms/field.html"

    def get_template(self, template_name):
        return super().get_template(ERSATZ.get(template_name, template_name))
