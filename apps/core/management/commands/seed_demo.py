from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand

from apps.core.demo import DEMO_PASSWORD, seed_organisation


class Command(BaseCommand):
    help = "Create or refresh the demo organisation, staff and each app's demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--list-logins", action="store_true", help="Only print the demo logins."
        )

    def handle(self, *args, list_logins=False, **options):
        procuratorate, logins = seed_organisation()
        if not list_logins:
            for config in apps.get_app_configs():
                if config.name.startswith("apps.") and config.name != "apps.core":
                    try:
                        module = import_module(f"{config.name}.demo")
                    except ModuleNotFoundError as exc:
                        if exc.name != f"{config.name}.demo":
                            raise
                        continue
                    module.seed(procuratorate)
                    self.stdout.write(f"demo data: {config.verbose_name}")
            self.stdout.write(self.style.SUCCESS(f"{len(logins)} demo accounts ready."))
            return
        key = (
            "pg",
            "deputy1",
            "office.head",
            "office.officer",
            "office.staff1",
            "prosecution.head",
            "prosecution.officer",
            "prosecution.staff1",
            "civil_administrative.head",
            "committee_office.head",
            "appraisal_office.head",
            "political.head",
            "prevention.head",
            "discipline.head",
            "office.clerk",
            "sysadmin",
            "secadmin",
            "auditadmin",
            "city.pg",
        )
        by_username = {row[0]: row for row in logins}
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for username in key:
            _, name, dept, roles = by_username[username]
            self.stdout.write(f"  {username:<28} {name}  {dept}  {roles}")
        self.stdout.write(
            f"  … {len(logins)} accounts in all; see the staff directory."
        )
