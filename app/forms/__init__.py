"""WTForms pieces every page shares. Fields render their own NHS.UK component, so templates
only write {{ form.x }}.

The rule: a form lives beside its views, in app/views/<blueprint>/forms.py. This package keeps
only what several blueprints share: the base Form (base.py) and its CSRF tokens (csrf.py), the
NHS.UK fields (fields.py), the password fields and policy validator (password_fields.py), and
the page forms the survey runner builds from a definition (survey.py, used by app/runner for
consultations and staff voice).
"""
