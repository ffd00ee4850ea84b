"""Load realistic Indonesian demo content. Idempotent: a second run finds everything and changes nothing."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import arrange_menu
from home.seeding import Seeder


class Command(BaseCommand):
    help = "Load the demo content of every app that has a demo.py (home first). Safe to run repeatedly."

    def handle(self, *args, **options):
        seeder = Seeder(self.stdout)
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                try:
                    module = import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app_config.name}.demo":
                        raise
                    continue
                self.stdout.write(f"{app_config.verbose_name}:")
                module.seed(seeder)
            arrange_menu(seeder)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready: {seeder.created} created, {seeder.kept} already present.")
        )
