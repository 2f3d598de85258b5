"""Collect what each installed app declares in a module of its own.

Apps contribute to shared pages (navigation, the leadership board) by defining
a list in a module with an agreed name; this gathers those lists in app order.
"""

from importlib import import_module

from django.apps import apps


def collect_from_apps(module_name, attribute):
    """Return the items of `attribute` in every app's `<app>.<module_name>`."""
    items = []
    for config in apps.get_app_configs():
        path = f"{config.name}.{module_name}"
        try:
            module = import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name != path:
                raise
            continue
        items.extend(getattr(module, attribute))
    return tuple(items)
