"""The local web app (`firsthand serve`): stories, reports, entities, search, adding reports."""

from .app import WebConfig, create_app
from .security import Role, is_loopback, tokens_for

__all__ = ["Role", "WebConfig", "create_app", "is_loopback", "tokens_for"]
