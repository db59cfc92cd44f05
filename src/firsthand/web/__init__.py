"""The local web app (`firsthand serve`): stories, reports, entities, search, adding reports."""

from .app import WebConfig, create_app
from .security import MIN_TOKEN_LENGTH, Role, allowed_hosts, is_loopback, tokens_for

__all__ = ["MIN_TOKEN_LENGTH", "Role", "WebConfig", "allowed_hosts", "create_app", "is_loopback", "tokens_for"]
