import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from directory.demo import demo_editor_logins


class Command(BaseCommand):
    help = (
        "Create the local admin user if missing and print its login. The password comes from "
        "ADMIN_PASSWORD or is generated once and kept in .admin-password (not committed). "
        "Also prints the login of demo centre editors (made only by load_demo), if any."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, *args, username, **options):
        password_file = Path(settings.BASE_DIR) / ".admin-password"
        password = os.environ.get("ADMIN_PASSWORD")
        if not password:
            if not password_file.exists():
                password_file.write_text(secrets.token_urlsafe(12))
                password_file.chmod(0o600)
            password = password_file.read_text().strip()
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(password)
            user.save()
        if user.check_password(password):
            self.stdout.write(self.style.SUCCESS(f"Admin login: {username} / {password}"))
        else:
            self.stdout.write(f"Admin user {username} exists; its password was changed by hand.")
        for login in demo_editor_logins():
            self.stdout.write(self.style.SUCCESS(f"Centre editor login: {login}"))
