"""manage.py create_api_token USERNAME [--reset]: issue the API token of a user."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Cấp (hoặc cấp lại với --reset) token API cho một người dùng; in token ra màn hình."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="thu hồi token cũ, cấp token mới")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = get_user_model().objects.filter(username=opts["username"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng «{opts['username']}».")
        if not user.is_active:
            raise CommandError(f"Người dùng «{opts['username']}» đã bị khóa.")
        if opts["reset"]:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
