from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """The reviewer's side (issue 11): the inbox, completeness, the children's states (API)."""

    name = "review"
