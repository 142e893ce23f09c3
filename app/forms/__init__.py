"""WTForms forms. Fields render their own NHS.UK component, so templates only write {{ form.x }}."""
