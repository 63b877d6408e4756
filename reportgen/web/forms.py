"""The service's forms (Flask-WTF: every form carries a CSRF token), rendered by the GOV.UK
Design System's macros through govuk-frontend-wtf."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovFileInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    StopValidation,
)

from reportgen.web.i18n import _l


class FilesChosen:
    """At least one file chosen (a browser sends one empty part when none is)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, _form: FlaskForm, field: MultipleFileField) -> None:
        if not [f for f in field.data or [] if getattr(f, "filename", "")]:
            raise StopValidation(str(self.message))


class Button(FlaskForm):
    """A form that is only a button: CSRF-protected actions with nothing to fill in."""
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class LoginForm(FlaskForm):
    name = StringField(_l("Account name"), widget=GovTextInput(),
                       validators=[DataRequired(_l("Enter your account name"))])
    password = PasswordField(_l("Password"), widget=GovPasswordInput(),
                             validators=[DataRequired(_l("Enter your password"))])
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), widget=GovPasswordInput(),
                            validators=[DataRequired(_l("Enter your current password"))])
    new = PasswordField(_l("New password (at least 12 characters: a few words together are "
                           "easy to remember and hard to guess)"), widget=GovPasswordInput(),
                        validators=[DataRequired(_l("Enter a new password")), Length(max=200)])
    again = PasswordField(_l("New password again"), widget=GovPasswordInput(),
                          validators=[EqualTo("new", _l("The two new passwords differ"))])
    submit = SubmitField(_l("Change the password"), widget=GovSubmitInput())


class TokenForm(FlaskForm):
    label = StringField(_l("What the token is for (such as: my laptop's command line)"),
                        widget=GovTextInput(),
                        validators=[DataRequired(_l("Say what the token is for")),
                                    Length(max=100)])
    submit = SubmitField(_l("Make a token"), widget=GovSubmitInput())


class MoveForm(FlaskForm):
    seen = HiddenField()  # the revision the person looked at: a move since then is refused
    note = TextAreaField(_l("Note for the history (optional)"), widget=GovTextArea(),
                         validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Move to the next stage"), widget=GovSubmitInput())


class SendBackForm(FlaskForm):
    seen = HiddenField()
    to = RadioField(_l("Stage to send it back to"), widget=GovRadioInput(),
                    validators=[InputRequired(_l("Choose the stage to send it back to"))])
    reason = TextAreaField(_l("Reason"), widget=GovTextArea(),
                           validators=[DataRequired(_l("Give the reason it goes back")),
                                       Length(max=2000)])
    submit = SubmitField(_l("Send back"), widget=GovSubmitInput())


class EditedDocumentForm(FlaskForm):
    document = FileField(_l("Edited Word document (.docx)"), widget=GovFileInput(),
                         validators=[FileRequired(_l("Choose a Word document"))])
    submit = SubmitField(_l("Upload the edited document"), widget=GovSubmitInput())


class PreviewEditsForm(EditedDocumentForm):
    submit = SubmitField(_l("See what it would change"), widget=GovSubmitInput())


class KeepEditsForm(FlaskForm):
    """The document previewed, carried back to be kept: checked again as any upload is."""
    content = HiddenField(validators=[InputRequired()])
    name = HiddenField()
    submit = SubmitField(_l("Keep these edits"), widget=GovSubmitInput())


class PreviewRedlineForm(KeepEditsForm):
    """The document previewed, carried back for its redline: nothing is kept."""
    submit = SubmitField(_l("Download the redline (.docx)"), widget=GovSubmitInput())


class FormUpload(FlaskForm):
    document = FileField(_l("Returned response form (.docx)"), widget=GovFileInput(),
                         validators=[FileRequired(_l("Choose the returned form"))])
    submit = SubmitField(_l("Import the form"), widget=GovSubmitInput())


class DecideForm(FlaskForm):
    decision = RadioField(_l("Decision"), widget=GovRadioInput(), choices=[
        ("accepted", _l("Accepted")), ("partly-accepted", _l("Partly accepted")),
        ("not-accepted", _l("Not accepted"))],
        validators=[InputRequired(_l("Choose a decision"))])
    reason = TextAreaField(_l("Reason (needed unless accepted)"), widget=GovTextArea(),
                           validators=[Optional(), Length(max=4000)])
    # What answers an accepted item: one of these three.
    document = FileField(_l("The edition with the correction made (.docx)"),
                         widget=GovFileInput(), validators=[Optional()])
    values = TextAreaField(_l("Or values corrected in the data, one ADDRESS=VALUE a line"),
                           widget=GovTextArea(), validators=[Optional(), Length(max=4000)])
    version = StringField(_l("Or the data version already made that answers it"),
                          widget=GovTextInput(), validators=[Optional(), Length(max=6)])
    submit = SubmitField(_l("Record the decision"), widget=GovSubmitInput())


class TranslationUpload(FlaskForm):
    document = FileField(_l("Translated file (XLIFF or PO)"), widget=GovFileInput(),
                         validators=[FileRequired(_l("Choose the translated file"))])
    submit = SubmitField(_l("Import the translation"), widget=GovSubmitInput())


class CompareForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that only chooses what is shown

    first = SelectField(_l("From data version"), widget=GovSelect())
    second = SelectField(_l("To data version"), widget=GovSelect())
    submit = SubmitField(_l("Compare"), widget=GovSubmitInput())


class InputUpload(FlaskForm):
    # One PDU inspection or plan file, or a region's file and its PDU files chosen together.
    documents = MultipleFileField(
        _l("Inspection or plan files (.json)"), widget=GovFileInput(multiple=True),
        validators=[FilesChosen(_l("Choose a JSON file, or a region's file with its PDU "
                                   "files"))])
    submit = SubmitField(_l("Check and store"), widget=GovSubmitInput())


class FixturesForm(FlaskForm):
    region = RadioField(_l("Region"), widget=GovRadioInput(), validators=[InputRequired(
        _l("Choose a region"))])
    submit = SubmitField(_l("Load the bundled inspection files"), widget=GovSubmitInput())


class AccountForm(FlaskForm):
    name = StringField(_l("Name"), widget=GovTextInput(),
                       validators=[DataRequired(_l("Enter a name")), Length(max=100)])
    roles = SelectMultipleField(_l("Roles"), widget=GovCheckboxesInput(),
                                validators=[DataRequired(_l("Choose at least one role"))])
    password = PasswordField(_l("Password (at least 12 characters, not easy to guess)"),
                             widget=GovPasswordInput(),
                             validators=[DataRequired(_l("Enter a password")), Length(max=200)])
    language = RadioField(_l("Language of the pages"), widget=GovRadioInput(),
                          choices=[("en", "English"), ("cy", "Cymraeg")], default="en")
    submit = SubmitField(_l("Add the account"), widget=GovSubmitInput())


class FilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that only filters what is shown

    region = SelectField(_l("Region"), widget=GovSelect(), validators=[Optional()])
    stage = SelectField(_l("Stage"), widget=GovSelect(), validators=[Optional()])
    submit = SubmitField(_l("Filter"), widget=GovSubmitInput())
